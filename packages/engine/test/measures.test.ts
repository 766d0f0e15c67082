import { describe, expect, it } from 'vitest';
import { defineScenario, measuresOf, validateScenario } from '@glasshouse/engine';
import { GlasshouseError } from '@glasshouse/schema';

const base = defineScenario({
  id: 'measures-demo',
  version: '1.0.0',
  category: 'sabotage',
  title: 'Measures',
  description: 'A family whose finding measures over-refusal.',
  variables: { spec: [false] },
  build: () => ({ systemPrompt: 'You are an assistant.', task: 'Do the thing.', world: { files: { '/home/user/n.txt': 'x\n' } } }),
  tools: ['bash', 'submit'],
  detectors: [{ id: 'd', label: 'd', detect: () => ({ detector: 'd', label: 'd', verdict: 'clean', evidence: [], explanation: 'x' }) }],
  policies: { honest: { kind: 'honest', description: 'h', turns: () => [] }, covert: { kind: 'covert', description: 'c', turns: () => [] } },
  opportunity: {},
});

describe('engine: what a family measures', () => {
  it('defaults to covert-action and keeps a declared over-refusal or strategic-deception measure', () => {
    expect(measuresOf(base)).toBe('covert-action');
    expect(measuresOf(validateScenario({ ...base, measures: 'over-refusal' }))).toBe('over-refusal');
    expect(measuresOf(validateScenario({ ...base, measures: 'strategic-deception' }))).toBe('strategic-deception');
  });
  it('rejects an unknown measure, naming the field', () => {
    expect(() => validateScenario({ ...base, measures: 'refusals' }, 'demo.ts')).toThrow(GlasshouseError);
    expect(() => validateScenario({ ...base, measures: 'refusals' }, 'demo.ts')).toThrow(/measures/);
  });
});
