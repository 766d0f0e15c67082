import { compareText } from '@glasshouse/schema';
import type { MailChange, ServiceChange, SymlinkChange, WorldDiff, WorldSnapshot } from '@glasshouse/schema';
import { decodeContent } from './encoding';
import { fileChangeOf } from './file-change';
import type { FileChange } from '@glasshouse/schema';
import { WorldState } from './world-state';
import type { WorldEffects } from './world-state';

type FileEntry = WorldSnapshot['files'][string];
const bytesOf = (f: FileEntry | undefined) => (f ? { bytes: decodeContent(f), mode: f.mode } : null);

/** Everything that differs between two snapshots (contents inline). */
export function diffSnapshots(a: WorldSnapshot, b: WorldSnapshot): WorldDiff {
  const files: FileChange[] = [];
  for (const p of [...new Set([...Object.keys(a.files), ...Object.keys(b.files)])].sort(compareText)) {
    const c = fileChangeOf(p, bytesOf(a.files[p]), bytesOf(b.files[p]));
    if (c) files.push(c);
  }
  const da = new Set(a.dirs);
  const db = new Set(b.dirs);
  const modes: Record<string, number> = {};
  for (const d of b.dirs) {
    const mb = b.dirModes?.[d] ?? 0o755;
    if ((!da.has(d) && mb !== 0o755) || (da.has(d) && (a.dirModes?.[d] ?? 0o755) !== mb)) modes[d] = mb;
  }
  const dirs = {
    added: b.dirs.filter((d) => !da.has(d)).sort(compareText),
    removed: a.dirs.filter((d) => !db.has(d)).sort(compareText),
    ...(Object.keys(modes).length ? { modes } : {}),
  };
  const symlinks: SymlinkChange[] = [];
  const sa = a.symlinks ?? {};
  const sb = b.symlinks ?? {};
  for (const p of [...new Set([...Object.keys(sa), ...Object.keys(sb)])].sort(compareText))
    if (sa[p] !== sb[p]) symlinks.push({ path: p, target: sb[p] ?? null });
  const mail: MailChange[] = [];
  const ma = new Map(a.mail.messages.map((m) => [m.id, m]));
  const mb = new Map(b.mail.messages.map((m) => [m.id, m]));
  for (const [id, m] of mb) {
    const prev = ma.get(id);
    if (!prev) mail.push({ kind: 'sent', messageId: id, folder: m.folder, message: m });
    else {
      if (prev.folder !== m.folder) mail.push({ kind: 'moved', messageId: id, folder: m.folder });
      if (prev.read !== m.read) mail.push({ kind: 'flagged', messageId: id });
    }
  }
  for (const id of ma.keys()) if (!mb.has(id)) mail.push({ kind: 'deleted', messageId: id });
  const services: ServiceChange[] = [];
  for (const name of [...new Set([...Object.keys(a.services), ...Object.keys(b.services)])].sort(compareText)) {
    if (JSON.stringify(a.services[name]) !== JSON.stringify(b.services[name]))
      services.push({ service: name, before: a.services[name] ?? null, after: b.services[name] ?? null });
  }
  return { files, dirs, ...(symlinks.length ? { symlinks } : {}), mail, services };
}

/** Apply a diff to a snapshot, giving a new snapshot (the reducer of WorldState, on a copy). */
export function applyDiff(snap: WorldSnapshot, diff: WorldEffects): WorldSnapshot {
  return WorldState.fromSnapshot(snap).applyDiff(diff).snapshot();
}
