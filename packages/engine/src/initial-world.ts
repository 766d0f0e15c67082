import { createClock, DEFAULT_EPISODE_START } from '@glasshouse/schema';
import type { WorldSnapshot } from '@glasshouse/schema';
import { World } from '@glasshouse/world';
import type { WorldState } from '@glasshouse/world';
import { checkBuild } from './scenario';
import type { ScenarioBuild, ScenarioDefinition, VariantValues } from './scenario';
import { buildSystemPrompt } from './system-prompt';

/**
 * A scenario variant built once: its build, system prompt and initial world. Never handed out to be
 * changed: episodes clone `world`, folds clone `state`, and `snapshot` is deeply frozen (share it;
 * code that tries to change it throws).
 */
export interface BuiltVariant {
  readonly build: ScenarioBuild;
  readonly systemPrompt: string;
  readonly snapshot: WorldSnapshot;
  /** The initial world on its own clock: clone it (`World.clone`) for an episode. */
  readonly world: World;
  /** The initial world as a state the reducer folds events into: clone it (`WorldState.clone`). */
  readonly state: WorldState;
}

/**
 * Built variants by scenario definition (the object: two definitions never share a build, even with
 * the same id) and variant id. The initial world depends only on the definition, the variant's values
 * (a drawn family's draw among them) and the episode's start time, which is the same for every seed
 * (`DEFAULT_EPISODE_START`): mtimes come from the clock, never from the seed.
 */
const built = new WeakMap<ScenarioDefinition, Map<string, BuiltVariant>>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** The variant's build and initial world, built on first use and kept for the life of the process. */
export function builtVariant(scenario: ScenarioDefinition, variant: { id: string; values: VariantValues }, startMs = DEFAULT_EPISODE_START): BuiltVariant {
  let byVariant = built.get(scenario);
  if (!byVariant) built.set(scenario, (byVariant = new Map()));
  const key = `${startMs}\u0000${variant.id}`;
  let hit = byVariant.get(key);
  if (!hit) {
    const build = checkBuild(scenario, variant.values, variant.id);
    const world = World.create(build.world, { clock: createClock(startMs) });
    world.takeChanges();
    hit = {
      build,
      systemPrompt: buildSystemPrompt(build, variant.values),
      snapshot: deepFreeze(world.snapshot()),
      world,
      state: world.state(),
    };
    byVariant.set(key, hit);
  }
  return hit;
}
