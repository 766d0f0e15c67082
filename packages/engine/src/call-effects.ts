import type { EpisodeRecord, EventOf, WorldSnapshot } from '@glasshouse/schema';
import { encodeContentOnce, WorldState } from '@glasshouse/world';

/** A file a tool call changed, with its content right after the call (null: deleted). */
export interface FileEffect {
  path: string;
  kind: 'added' | 'modified' | 'deleted';
  after: { content: string; encoding: 'utf8' | 'base64'; mode: number } | null;
}

/** What one tool call did: the files it changed, the mail it sent, how many service events it caused. */
export interface CallEffects {
  files: FileEffect[];
  mails: EventOf<'mail.sent'>[];
  services: number;
}

/** Effects by call id, folded once per record. */
const folded = new WeakMap<EpisodeRecord, Map<string, CallEffects>>();

/**
 * What every tool call of a record did, by call id. File contents are not read off the events: the
 * record is folded from its initial world by the world's one reducer (`WorldState.apply`), and each
 * changed file is read from the world right after its `world.changed` event, so a change recorded
 * inline, by hash or as a splice reads the same. `initial` must be the world the record started
 * from (`EpisodeResult.initial`); the fold is kept per record.
 */
export function callEffects(record: EpisodeRecord, initial: WorldSnapshot): Map<string, CallEffects> {
  const hit = folded.get(record);
  if (hit) return hit;
  const out = new Map<string, CallEffects>();
  const of = (callId: string) => {
    let fx = out.get(callId);
    if (!fx) out.set(callId, (fx = { files: [], mails: [], services: 0 }));
    return fx;
  };
  const world = WorldState.fromSnapshot(initial);
  for (const e of record.events) {
    world.apply(e);
    if (e.type === 'world.changed' && e.callId !== undefined) {
      const fx = of(e.callId);
      for (const f of e.files) {
        const held = f.after ? world.files.get(f.path) : undefined;
        fx.files.push({ path: f.path, kind: f.kind, after: held ? { ...encodeContentOnce(held.bytes), mode: held.mode } : null });
      }
    }
    if (e.type === 'mail.sent' && e.callId !== undefined) of(e.callId).mails.push(e);
    if (e.type === 'service.event' && e.callId !== undefined) of(e.callId).services++;
  }
  folded.set(record, out);
  return out;
}

/** What one tool call of a record did (`callEffects`); nothing for a call that changed nothing. */
export function effectsOf(record: EpisodeRecord, initial: WorldSnapshot, callId: string): CallEffects {
  return callEffects(record, initial).get(callId) ?? { files: [], mails: [], services: 0 };
}
