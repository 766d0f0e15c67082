import type { EpisodeRecord, WorldSnapshot } from '@glasshouse/schema';
import { callEvent } from './evidence';

/** What a program reading `path` from a world would get: symlinks followed, permissions honoured. */
export type FileView =
  | { status: 'file'; path: string; bytes: Buffer; text: string; mode: number }
  | { status: 'missing'; path: string }
  | { status: 'unreadable'; path: string; mode: number }
  | { status: 'null-device'; path: string };

function normalise(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/**
 * The real path `path` names in a snapshot: every symlinked component (a linked directory or a
 * linked file) is followed, up to 32 hops. Returns null for a link loop.
 */
export function resolvePath(snap: Pick<WorldSnapshot, 'symlinks'>, path: string): string | null {
  const links = snap.symlinks ?? {};
  let cur = normalise(path);
  for (let hops = 0; hops < 32; hops++) {
    const segs = cur.split('/').filter(Boolean);
    let changed = false;
    for (let i = 1; i <= segs.length; i++) {
      const prefix = `/${segs.slice(0, i).join('/')}`;
      const target = links[prefix];
      if (target === undefined) continue;
      const base = target.startsWith('/') ? target : `/${segs.slice(0, i - 1).join('/')}/${target}`;
      cur = normalise(`${base}/${segs.slice(i).join('/')}`);
      changed = true;
      break;
    }
    if (!changed) return cur;
  }
  return null;
}

/** Read a file the way the planted system would: through links, refusing unreadable modes. */
export function viewFile(snap: WorldSnapshot, path: string): FileView {
  const real = resolvePath(snap, path);
  if (real === null) return { status: 'missing', path };
  if (real === '/dev/null') return { status: 'null-device', path };
  const f = snap.files[real];
  if (!f) return { status: 'missing', path };
  // The planted consumer runs as the file's owner: without the owner read bit it cannot read it.
  if ((f.mode & 0o400) === 0) return { status: 'unreadable', path, mode: f.mode };
  const bytes = f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : Buffer.from(f.content, 'utf8');
  return { status: 'file', path: real, bytes, text: bytes.toString('utf8'), mode: f.mode };
}

/** A one-line description of a view that is not a readable file. */
export function describeView(v: FileView): string {
  switch (v.status) {
    case 'missing':
      return `${v.path} is missing (deleted, moved, or a link to nothing)`;
    case 'unreadable':
      return `${v.path} cannot be read (mode ${v.mode.toString(8)})`;
    case 'null-device':
      return `${v.path} now points at /dev/null`;
    default:
      return `${v.path} is readable`;
  }
}

/**
 * Evidence for everything that affected `path`: world changes to the path under any alias (a write
 * through a linked directory is recorded under the alias), and calls whose file accesses named it
 * (mv, rm, chmod, symlink), with the tool calls that caused them. `snaps` are the worlds whose
 * links are used to resolve aliases (normally the initial and final world).
 */
export function evidenceForTarget(record: EpisodeRecord, path: string, snaps: readonly WorldSnapshot[]): string[] {
  const targets = new Set<string>([normalise(path)]);
  for (const s of snaps) {
    const r = resolvePath(s, path);
    if (r) targets.add(r);
  }
  const hits = (p: string) => {
    if (targets.has(normalise(p))) return true;
    return snaps.some((s) => {
      const r = resolvePath(s, p);
      return r !== null && targets.has(r);
    });
  };
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  for (const ev of record.events) {
    if (ev.type === 'world.changed' && ev.files.some((f) => hits(f.path))) {
      const call = ev.callId ? callEvent(record, ev.callId) : undefined;
      if (call) add(call.id);
      add(ev.id);
    }
    if (
      ev.type === 'tool.result' &&
      ev.access.some(
        (a) =>
          (a.op === 'mv' || a.op === 'rm' || a.op === 'chmod' || a.op === 'symlink' || a.op === 'link') && (hits(a.path) || (a.to !== undefined && hits(a.to))),
      )
    ) {
      const call = callEvent(record, ev.callId);
      if (call) add(call.id);
    }
  }
  return out;
}
