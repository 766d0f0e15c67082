import { compareText } from '@glasshouse/schema';
import type { EpisodeEvent } from '@glasshouse/schema';
import type { VNode } from './volume';
import type { World } from './world';
import type { WorldState } from './world-state';

/** Structural equality of JSON values (key order ignored: parsed events and live objects order keys differently). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The paths a recorded event changes in the world (files, directories and their modes, symlinks). */
export function pathsOf(ev: EpisodeEvent): string[] {
  if (ev.type !== 'world.changed') return [];
  return [...ev.files.map((f) => f.path), ...ev.dirs.added, ...ev.dirs.removed, ...Object.keys(ev.dirs.modes ?? {}), ...(ev.symlinks ?? []).map((l) => l.path)];
}

/** Whether the live node at a path and the state's entry for it differ. */
function differsAt(state: WorldState, p: string, n: VNode | undefined): boolean {
  const f = state.files.get(p);
  const d = state.dirs.get(p);
  const l = state.symlinks.get(p);
  if (!n) return f !== undefined || d !== undefined || l !== undefined;
  if (n.kind === 'file') return d !== undefined || l !== undefined || !f || f.mode !== n.mode || (f.bytes !== n.data && !f.bytes.equals(n.data));
  if (n.kind === 'symlink') return f !== undefined || d !== undefined || l !== n.target;
  return f !== undefined || l !== undefined || d !== n.mode;
}

/**
 * Where a live world and a state folded from its record differ: the first differing path in text
 * order (files, directories and their modes, symlinks), else `mail` or `service <name>`, else null.
 *
 * With `paths` (every path the volume touched, `Volume.takeTouched`, and every path the record
 * changed, `pathsOf`, since both were equal), only those paths are compared: O(changes). Without,
 * the whole volume is walked (a pointer comparison per unchanged file).
 */
export function firstDifference(world: World, state: WorldState, opts: { paths?: Iterable<string> } = {}): string | null {
  const raw = world.fs.raw();
  const differ: string[] = [];
  if (opts.paths) {
    for (const p of new Set(opts.paths)) if (p !== '/' && differsAt(state, p, raw.at(p))) differ.push(p);
  } else fullWalk(world, state, differ);
  if (differ.length) return [...new Set(differ)].sort(compareText)[0] as string;
  if (!sameJson(world.mail.toJSON(), state.mail)) return 'mail';
  const live = world.services.toJSON();
  for (const name of [...new Set([...Object.keys(live), ...state.services.keys()])].sort(compareText)) {
    if (!sameJson(live[name] ?? null, state.services.get(name) ?? null)) return `service ${name}`;
  }
  return null;
}

function fullWalk(world: World, state: WorldState, differ: string[]): void {
  let files = 0;
  let dirs = 0;
  let links = 0;
  const raw = world.fs.raw();
  raw.walk((p, n) => {
    if (p === '/') return;
    if (n.kind === 'file') files++;
    else if (n.kind === 'symlink') links++;
    else dirs++;
    if (differsAt(state, p, n)) differ.push(p);
  });
  // Every live entry matched one in the state; equal counts mean the state holds nothing more.
  if (files !== state.files.size) for (const p of state.files.keys()) if (raw.at(p)?.kind !== 'file') differ.push(p);
  if (links !== state.symlinks.size) for (const p of state.symlinks.keys()) if (raw.at(p)?.kind !== 'symlink') differ.push(p);
  if (dirs !== state.dirs.size) for (const p of state.dirs.keys()) if (raw.at(p)?.kind !== 'dir') differ.push(p);
}
