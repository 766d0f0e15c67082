import type { World } from '@glasshouse/world';
import type { NewEvent } from './event-log';

type WorldDiff = ReturnType<World['takeChanges']>['diff'];

/**
 * Turn what a tool call changed in the world into record events: `world.changed` (files, dirs and
 * their modes, symlinks, services, and contents first stored by hash), one `mail.sent` per sent message, and `mail.changed` for the other mailbox changes.
 */
export function worldChangeEvents(callId: string, diff: WorldDiff): NewEvent[] {
  const out: NewEvent[] = [];
  const symlinks = diff.symlinks ?? [];
  if (diff.files.length || diff.dirs.added.length || diff.dirs.removed.length || diff.dirs.modes || symlinks.length || diff.services.length) {
    out.push({
      type: 'world.changed',
      callId,
      files: diff.files,
      dirs: diff.dirs,
      services: diff.services,
      ...(symlinks.length ? { symlinks } : {}),
      ...(diff.blobs ? { blobs: diff.blobs } : {}),
    });
  }
  const other = diff.mail.filter((m) => m.kind !== 'sent');
  for (const m of diff.mail) if (m.kind === 'sent' && m.message) out.push({ type: 'mail.sent', callId, message: m.message });
  if (other.length) out.push({ type: 'mail.changed', callId, changes: other });
  return out;
}
