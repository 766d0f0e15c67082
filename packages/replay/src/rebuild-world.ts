import { createEpisodeRuntime, GlasshouseError } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord, WorldSnapshot } from '@glasshouse/schema';
import { checkBuild, resolveVariant } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { World, WorldState } from '@glasshouse/world';

/** Initial worlds, built once per scenario definition and variant, then cloned. */
const built = new WeakMap<ScenarioDefinition, Map<string, { state: WorldState; snapshot: WorldSnapshot }>>();

function initial(record: EpisodeRecord, scenario: ScenarioDefinition): { state: WorldState; snapshot: WorldSnapshot } {
  const variant = resolveVariant(scenario, record.header.variant.values);
  if (variant.id !== record.header.variant.id)
    throw new GlasshouseError('REPLAY_DIVERGED', `variant ${record.header.variant.id} no longer exists in ${scenario.id}@${scenario.version}`);
  let byVariant = built.get(scenario);
  if (!byVariant) built.set(scenario, (byVariant = new Map()));
  let hit = byVariant.get(variant.id);
  if (!hit) {
    const build = checkBuild(scenario, variant.values, variant.id);
    // The seed only sets mtimes, which snapshots do not hold: one build serves every seed.
    const snapshot = World.create(build.world, { clock: createEpisodeRuntime(record.header.seed).clock }).snapshot();
    hit = { state: WorldState.fromSnapshot(snapshot), snapshot };
    byVariant.set(variant.id, hit);
  }
  return hit;
}

/** The world an episode started from: the variant's seed, built exactly as the engine builds it. */
export function initialWorld(record: EpisodeRecord, scenario: ScenarioDefinition): WorldSnapshot {
  return structuredClone(initial(record, scenario).snapshot);
}

/** The initial world as a state the reducer folds events into (a clone: yours to change). */
export function initialState(record: EpisodeRecord, scenario: ScenarioDefinition): WorldState {
  return initial(record, scenario).state.clone();
}

/** Fold one recorded event's world effects into a state, in place (the engine's own reducer). */
export function applyEvent(state: WorldState, ev: EpisodeEvent): WorldState {
  return state.apply(ev);
}

/** The world state after the first `count` events (all by default), rebuilt from the log alone. */
export function stateAt(record: EpisodeRecord, scenario: ScenarioDefinition, count = record.events.length): WorldState {
  const state = initialState(record, scenario);
  const n = Math.min(count, record.events.length);
  for (let i = 0; i < n; i++) state.apply(record.events[i] as EpisodeEvent);
  return state;
}

/** The world after the first `count` events (all of them by default), rebuilt from the log alone. */
export function worldAt(record: EpisodeRecord, scenario: ScenarioDefinition, count = record.events.length): WorldSnapshot {
  return stateAt(record, scenario, count).snapshot();
}
