import { createTwoFilesPatch } from 'diff';
import { sha256 } from '@glasshouse/schema';
import type { Email, FileChange, MailChange, ServiceChange, WorldDiff, WorldSnapshot } from '@glasshouse/schema';
import { decodeContent, encodeContent } from './encoding';

/** Text diffs are skipped above this size (the full `after` content is still recorded). */
export const MAX_DIFF_BYTES = 256 * 1024;

type FileEntry = WorldSnapshot['files'][string];

export function fileChange(path: string, before: FileEntry | null, after: FileEntry | null): FileChange | null {
  const b = before ? decodeContent(before) : null;
  const a = after ? decodeContent(after) : null;
  if (b && a && b.equals(a) && before?.mode === after?.mode) return null;
  if (!b && !a) return null;
  const kind: FileChange['kind'] = !b ? 'added' : !a ? 'deleted' : 'modified';
  return {
    path,
    kind,
    beforeHash: b ? sha256(b) : null,
    afterHash: a ? sha256(a) : null,
    diff: textDiff(path, before, after),
    after: after ? { content: after.content, encoding: after.encoding, mode: after.mode } : null,
  };
}

function textDiff(path: string, before: FileEntry | null, after: FileEntry | null): string {
  if ((before && before.encoding !== 'utf8') || (after && after.encoding !== 'utf8')) return '';
  const bt = before?.content ?? '';
  const at = after?.content ?? '';
  if (bt.length + at.length > MAX_DIFF_BYTES) return '';
  return createTwoFilesPatch(before ? `a${path}` : '/dev/null', after ? `b${path}` : '/dev/null', bt, at, '', '', { context: 3 });
}

export function entryFromBytes(bytes: Buffer, mode: number): FileEntry {
  return { ...encodeContent(bytes), mode };
}

/** Everything that differs between two snapshots. */
export function diffSnapshots(a: WorldSnapshot, b: WorldSnapshot): WorldDiff {
  const files: FileChange[] = [];
  const paths = [...new Set([...Object.keys(a.files), ...Object.keys(b.files)])].sort();
  for (const p of paths) {
    const c = fileChange(p, a.files[p] ?? null, b.files[p] ?? null);
    if (c) files.push(c);
  }
  const da = new Set(a.dirs);
  const db = new Set(b.dirs);
  const dirs = { added: b.dirs.filter((d) => !da.has(d)).sort(), removed: a.dirs.filter((d) => !db.has(d)).sort() };
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
  for (const name of [...new Set([...Object.keys(a.services), ...Object.keys(b.services)])].sort()) {
    if (JSON.stringify(a.services[name]) !== JSON.stringify(b.services[name])) services.push({ service: name, before: a.services[name] ?? null, after: b.services[name] ?? null });
  }
  return { files, dirs, mail, services };
}

/** Apply a diff to a snapshot (used to rebuild the world at step k from a record). */
export function applyDiff(snap: WorldSnapshot, diff: Pick<WorldDiff, 'files'> & Partial<WorldDiff>): WorldSnapshot {
  const out: WorldSnapshot = JSON.parse(JSON.stringify(snap)) as WorldSnapshot;
  for (const f of diff.files) {
    if (f.after) out.files[f.path] = { ...f.after };
    else delete out.files[f.path];
  }
  const dirs = new Set(out.dirs);
  for (const d of diff.dirs?.added ?? []) dirs.add(d);
  for (const d of diff.dirs?.removed ?? []) dirs.delete(d);
  out.dirs = [...dirs].sort();
  applyMail(out, diff.mail ?? []);
  for (const s of diff.services ?? []) out.services[s.service] = JSON.parse(JSON.stringify(s.after ?? null));
  return out;
}

function applyMail(out: WorldSnapshot, changes: readonly MailChange[]): void {
  for (const c of changes) {
    const i = out.mail.messages.findIndex((m) => m.id === c.messageId);
    if (c.kind === 'sent' && c.message && i < 0) out.mail.messages.push(JSON.parse(JSON.stringify(c.message)) as Email);
    else if (c.kind === 'moved' && i >= 0 && c.folder) (out.mail.messages[i] as Email).folder = c.folder;
    else if (c.kind === 'deleted' && i >= 0) out.mail.messages.splice(i, 1);
    else if (c.kind === 'flagged' && i >= 0) (out.mail.messages[i] as Email).read = !(out.mail.messages[i] as Email).read;
  }
}
