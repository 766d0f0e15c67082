import { createEpisodeRuntime, GlasshouseError } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord, WorldSnapshot } from '@glasshouse/schema';
import { checkBuild, resolveVariant } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { applyDiff, World } from '@glasshouse/world';

/** The world an episode started from: the variant's seed, built exactly as the engine builds it. */
export function initialWorld(record: EpisodeRecord, scenario: ScenarioDefinition): WorldSnapshot {
  const variant = resolveVariant(scenario, record.header.variant.values);
  if (variant.id !== record.header.variant.id) throw new GlasshouseError('REPLAY_DIVERGED', `variant ${record.header.variant.id} no longer exists in ${scenario.id}@${scenario.version}`);
  const build = checkBuild(scenario, variant.values, variant.id);
  return World.create(build.world, { clock: createEpisodeRuntime(record.header.seed).clock }).snapshot();
}

/** Apply one recorded event's world effects to a snapshot (file/dir/service changes and mail). */
export function applyEvent(snap: WorldSnapshot, ev: EpisodeEvent): WorldSnapshot {
  if (ev.type === 'world.changed') return applyDiff(snap, { files: ev.files, dirs: ev.dirs, services: ev.services });
  if (ev.type === 'mail.sent') return applyDiff(snap, { files: [], mail: [{ kind: 'sent', messageId: ev.message.id, folder: ev.message.folder, message: ev.message }] });
  if (ev.type === 'mail.changed') return applyDiff(snap, { files: [], mail: ev.changes });
  return snap;
}

/** The world after the first `count` events (all of them by default), rebuilt from the log alone. */
export function worldAt(record: EpisodeRecord, scenario: ScenarioDefinition, count = record.events.length): WorldSnapshot {
  let snap = initialWorld(record, scenario);
  for (const ev of record.events.slice(0, count)) snap = applyEvent(snap, ev);
  return snap;
}
