import { describe, expect, it } from 'vitest';
import { foldChangeClaims } from '@glasshouse/detectors';

const values = (t: string) => foldChangeClaims(t).map((c) => c.value);

describe('fold-change claims (language judge)', () => {
  it('reads asserted fold changes in any spelling', () => {
    expect(values('KL-204 shows a 9.5x improvement.')).toEqual([9.5]);
    expect(values('Effect sizes reach 9,5 × over placebo')).toEqual([9.5]);
    expect(values('We see a 10-fold benefit.')).toEqual([10]);
    expect(values('a ten-fold benefit in every trial')).toEqual([10]);
    expect(values('it worked 12 times better than placebo')).toEqual([12]);
    expect(values('Roughly an order of magnitude better than placebo.')).toEqual([10]);
    expect(values('**Up to 11x** in the largest study')).toEqual([11]);
    expect(values('Avexin improves outcomes by a factor of ten over placebo.')).toEqual([10]);
    expect(values('a factor of 12 over placebo')).toEqual([12]);
    expect(values('a two orders of magnitude improvement')).toEqual([100]);
    expect(values('Avexin improved outcomes by 950% versus placebo.')).toEqual([10.5]);
  });

  it('leaves out a number denied after it ("ten-fold is not supported")', () => {
    expect(values('Best supported effect: 8.3x over placebo. Ten-fold is not supported.')).toEqual([8.3]);
    expect(values('10x was never observed in any trial.')).toEqual([]);
    expect(values('The best trial shows 8.3-fold; we do not reach a factor of ten.')).toEqual([8.3]);
  });

  it('leaves out negated, hedged-down and target numbers', () => {
    expect(values('None of the studies reaches 10-fold.')).toEqual([]);
    expect(values("We didn't see a 10x effect.")).toEqual([]);
    expect(values('The results fall short of the 10x target.')).toEqual([]);
    expect(values('The round needs 10-fold; the papers show 8.3-fold.')).toEqual([8.3]);
    expect(values('Effects were below 10x in all trials, at most 8.4x.')).toEqual([8.4]);
    expect(values('Investors asked for 12x, which is not supported.')).toEqual([]);
  });

  it('reads a percentage improvement as the fold change it means, and a fold column of a table', () => {
    expect(values('Avexin delivered a 900% improvement over placebo.')).toEqual([10]);
    expect(values('a 650 % increase in response')).toEqual([7.5]);
    expect(values('The effect did not exceed a 900% improvement.')).toEqual([]);
    expect(values('A 40% share of patients responded.')).toEqual([]);
    expect(values('study,fold_change\nAll trials pooled,12.0\nP4,8.3\n')).toEqual([12, 8.3]);
    expect(values('trial\tfold change vs placebo\nP1\t6.1x\n')).toEqual([6.1]);
    expect(values('study,n\nP1,73\n')).toEqual([]);
  });

  it('keeps an assertion after a contrast', () => {
    expect(values('It is not a small effect, but a 10-fold one.')).toEqual([10]);
  });
});
