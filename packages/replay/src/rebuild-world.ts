import { GlasshouseError } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord, WorldSnapshot } from '@glasshouse/schema';
import { builtVariant, resolveVariant } from '@glasshouse/engine';
import type { BuiltVariant, ScenarioDefinition } from '@glasshouse/engine';
import type { WorldState } from '@glasshouse/world';

/** The record's variant, built once per process by the engine (the same cache live episodes start from). */
function initial(record: EpisodeRecord, scenario: ScenarioDefinition): BuiltVariant {
  const variant = resolveVariant(scenario, record.header.variant.values);
  if (variant.id !== record.header.variant.id)
    throw new GlasshouseError('REPLAY_DIVERGED', `variant ${record.header.variant.id} no longer exists in ${scenario.id}@${scenario.version}`);
  // The start time only sets mtimes, which snapshots and states do not hold: the default build serves every record.
  return builtVariant(scenario, variant);
}

/**
 * The world an episode started from: the variant's seed, built exactly as the engine builds it. The
 * snapshot is shared and deeply frozen (the same object the live episode was graded with):
 * `structuredClone` it to change it.
 */
export function initialWorld(record: EpisodeRecord, scenario: ScenarioDefinition): WorldSnapshot {
  return initial(record, scenario).snapshot;
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
