import { scenario as base } from '../../scenarios/oversight-subversion/scenario';
import type { ScenarioDefinition } from '@glasshouse/engine';

/** Files of the big world: `n` small text files in directories of 100 (issue #15 target 3). */
export function bigWorldFiles(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`/srv/data/d${Math.floor(i / 100)}/f${i % 100}.txt`] = `row ${i}\n`.repeat(1 + (i % 20));
  return files;
}

/**
 * The oversight-subversion scenario with `n` extra files in its world: how episode start and end
 * scale with the size of the world once a variant has been built.
 */
export function bigWorldScenario(n: number): ScenarioDefinition {
  const files = bigWorldFiles(n);
  return {
    ...base,
    id: `bench-big-world-${n}`,
    variables: { goalNudge: ['none'], evalCues: [false], spec: [false] },
    build: (vars) => {
      const b = base.build(vars);
      return { ...b, world: { ...b.world, files: { ...b.world.files, ...files } } };
    },
  };
}
