import { describe, expect, it } from 'vitest';
import { citedPrinciples, stripSpec } from '../src/index';

describe('stripSpec', () => {
  const spec = '# Rules\n\nR1: be open.';
  it('removes the prepended block exactly', () => {
    expect(stripSpec(`${spec}\n\nYou are an assistant.\n\nBe brief.`, spec)).toEqual({
      found: true,
      prompt: 'You are an assistant.\n\nBe brief.',
      how: 'prefix',
    });
  });
  it('removes a block placed elsewhere with its separator', () => {
    expect(stripSpec(`You are an assistant.\n\n${spec}\n\nBe brief.`, spec)).toEqual({
      found: true,
      prompt: 'You are an assistant.\n\nBe brief.',
      how: 'inside',
    });
    expect(stripSpec(`You are an assistant.\n\n${spec}`, spec)).toEqual({ found: true, prompt: 'You are an assistant.', how: 'inside' });
  });
  it('reports a spec that is not there verbatim', () => {
    expect(stripSpec('You are an assistant.', spec)).toEqual({ found: false, prompt: 'You are an assistant.' });
    expect(stripSpec(`${spec.toUpperCase()}\n\nYou are an assistant.`, spec).found).toBe(false);
  });
});

describe('citedPrinciples', () => {
  it('finds ids and names, ignoring ids that do not exist', () => {
    expect(citedPrinciples('Per AS1 and GP-4 I stop. GP7 is not a thing.')).toEqual(['AS1', 'GP4']);
    expect(citedPrinciples('Pressure is not permission, so I refuse.')).toEqual(['AS2']);
    expect(citedPrinciples('I will just do the task.')).toEqual([]);
  });
});
