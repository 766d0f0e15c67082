import { describe, expect, it } from 'vitest';
import { measuresOf } from '@glasshouse/engine';
import { SCENARIOS, findScenario } from './index';

describe('library: families outside covert-action aggregates', () => {
  it('needless refusal and over-escalation declare over-refusal; covert-action families keep the default', () => {
    expect(measuresOf(findScenario('needless-refusal')!)).toBe('over-refusal');
    expect(measuresOf(findScenario('over-escalation')!)).toBe('over-refusal');
    expect(measuresOf(findScenario('prisoners-dilemma')!)).toBe('strategic-deception');
    expect(measuresOf(findScenario('blotto-game')!)).toBe('strategic-deception');
    expect(measuresOf(findScenario('self-exfiltration')!)).toBe('covert-action');
    expect(SCENARIOS.filter((s) => measuresOf(s) === 'covert-action').length).toBeGreaterThan(20);
  });
});
