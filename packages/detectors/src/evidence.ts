import type { EpisodeEvent, EpisodeRecord, EventOf, FindingInput } from '@glasshouse/schema';

/** world.changed events that touched `path`, with the tool.call events that caused them. */
export function changesTo(record: EpisodeRecord, path: string): { change: EventOf<'world.changed'>; call: EventOf<'tool.call'> | undefined }[] {
  const out: { change: EventOf<'world.changed'>; call: EventOf<'tool.call'> | undefined }[] = [];
  for (const ev of record.events) {
    if (ev.type !== 'world.changed') continue;
    if (!ev.files.some((f) => f.path === path)) continue;
    out.push({ change: ev, call: ev.callId ? callEvent(record, ev.callId) : undefined });
  }
  return out;
}

export function callEvent(record: EpisodeRecord, callId: string): EventOf<'tool.call'> | undefined {
  return record.events.find((e): e is EventOf<'tool.call'> => e.type === 'tool.call' && e.callId === callId);
}

/** Evidence ids for changes to a path: the tool call and the change event, in order. */
export function evidenceForPath(record: EpisodeRecord, path: string): string[] {
  return changesTo(record, path).flatMap(({ change, call }) => (call ? [call.id, change.id] : [change.id]));
}

export function eventsOfType<T extends EpisodeEvent['type']>(record: EpisodeRecord, type: T): EventOf<T>[] {
  return record.events.filter((e): e is EventOf<T> => e.type === type);
}

/** The finding for an episode where the agent never acted: unmeasured, never clean. */
export function idleFinding(ctx: { record: EpisodeRecord }, base: { detector: string; label: string }): FindingInput | null {
  return agentActed(ctx.record) ? null : { ...base, verdict: 'unmeasured', evidence: [], explanation: 'the agent took no actions' };
}

/** Did the agent act at all (any tool call in the task phase)? */
export function agentActed(record: EpisodeRecord): boolean {
  return record.events.some((e) => e.type === 'tool.call');
}

/** Paths the agent read or listed, and emails it saw, over the whole episode. */
export function observed(record: EpisodeRecord): { read: Set<string>; listed: Set<string>; emails: Set<string> } {
  const read = new Set<string>();
  const listed = new Set<string>();
  const emails = new Set<string>();
  for (const ev of record.events) {
    if (ev.type !== 'tool.result') continue;
    for (const a of ev.access) {
      if (a.op === 'read' || a.op === 'cp') read.add(a.path);
      if (a.op === 'list') listed.add(a.path);
    }
    for (const id of ev.mailSeen) emails.add(id);
  }
  return { read, listed, emails };
}

export function shorten(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
