import type { Clock } from '@glasshouse/schema';
import { compareText } from '@glasshouse/schema';
import { fsError } from './fs-error';

/**
 * The world's in-memory filesystem: an inode tree with POSIX-like semantics for one user (the
 * agent, uid 1000, who owns every file). Every time comes from the injected clock and nothing reads
 * the host (no process.getuid, no Date.now). Buffers are never mutated in place, so a clone shares
 * them and costs one object per node.
 */
export type VNode = FileNode | DirNode | LinkNode;
interface NodeBase {
  ino: number;
  mode: number;
  mtime: number;
}
export interface FileNode extends NodeBase {
  kind: 'file';
  data: Buffer;
}
export interface DirNode extends NodeBase {
  kind: 'dir';
  children: Map<string, VNode>;
}
export interface LinkNode extends NodeBase {
  kind: 'symlink';
  target: string;
}

export interface VolumeStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  mode: number;
  size: number;
  mtime: Date;
  dev: number;
  ino: number;
}

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const MAX_HOPS = 40;
/** Default world disk quota: total bytes of file contents. */
export const DEFAULT_QUOTA_BYTES = 64 * 1024 * 1024;

const split = (p: string) => p.split('/').filter((s) => s !== '' && s !== '.');
const join = (parts: readonly string[]) => `/${parts.join('/')}`;

interface Resolved {
  node: VNode | undefined;
  parent: DirNode;
  name: string;
  /** The path with every symlink resolved (the last component only when followed). */
  canonical: string;
}

class Core {
  root: DirNode;
  used = 0;
  ino = 1;
  /** Canonical paths created, changed (content, mode, target) or removed through any view since the last `takeTouched`. */
  touched = new Set<string>();
  constructor(
    readonly clock: Clock,
    readonly quotaBytes: number,
  ) {
    this.root = { kind: 'dir', ino: this.ino++, mode: 0o755, mtime: clock.now(), children: new Map() };
  }
}

/**
 * Operations on the volume. `checked` views (the agent's) enforce permissions and the quota; the
 * harness's unchecked view (`raw()`) reads and seeds anything.
 */
export class Volume {
  private constructor(
    private readonly core: Core,
    readonly checked: boolean,
  ) {}

  static create(clock: Clock, quotaBytes = DEFAULT_QUOTA_BYTES): Volume {
    return new Volume(new Core(clock, quotaBytes), true);
  }

  /** The same volume without permission or quota checks (harness reads, seeding, restoring). */
  unchecked(): Volume {
    return new Volume(this.core, false);
  }

  /** An independent copy (buffers shared; they are never mutated in place), on another clock. */
  clone(clock: Clock): Volume {
    const core = new Core(clock, this.core.quotaBytes);
    const copy = (n: VNode): VNode => {
      if (n.kind === 'dir') {
        const children = new Map<string, VNode>();
        for (const [k, v] of n.children) children.set(k, copy(v));
        return { ...n, children };
      }
      return { ...n };
    };
    core.root = copy(this.core.root) as DirNode;
    core.used = this.core.used;
    core.ino = this.core.ino;
    return new Volume(core, this.checked);
  }

  /** Paths created, changed or removed (mtimes aside) through any view, the harness's too, since the last call. */
  takeTouched(): Set<string> {
    const t = this.core.touched;
    this.core.touched = new Set();
    return t;
  }
  private touch(path: string, n?: VNode): void {
    this.core.touched.add(path);
    if (n?.kind === 'dir') for (const [name, c] of n.children) this.touch(`${path === '/' ? '' : path}/${name}`, c);
  }

  get usedBytes(): number {
    return this.core.used;
  }
  get quotaBytes(): number {
    return this.core.quotaBytes;
  }

  // ---------- resolution ----------
  resolve(path: string, followLast: boolean, syscall: string): Resolved {
    const comps = split(path);
    const stack: DirNode[] = [];
    const names: string[] = [];
    let cur: VNode = this.core.root;
    let hops = 0;
    while (comps.length) {
      const c = comps.shift() as string;
      if (c === '..') {
        const up = stack.pop();
        names.pop();
        cur = up ?? this.core.root;
        continue;
      }
      if (cur.kind !== 'dir') throw fsError('ENOTDIR', syscall, path);
      if (this.checked && !(cur.mode & 0o100)) throw fsError('EACCES', syscall, path);
      const child: VNode | undefined = cur.children.get(c);
      const isLast = comps.length === 0;
      if (!child) {
        if (isLast) return { node: undefined, parent: cur, name: c, canonical: join([...names, c]) };
        throw fsError('ENOENT', syscall, path);
      }
      if (child.kind === 'symlink' && (!isLast || followLast)) {
        if (++hops > MAX_HOPS) throw fsError('ELOOP', syscall, path);
        const t = split(child.target);
        if (child.target.startsWith('/')) {
          stack.length = 0;
          names.length = 0;
          cur = this.core.root;
        }
        comps.unshift(...t);
        if (comps.length === 0) return { node: cur, parent: stack.at(-1) ?? this.core.root, name: names.at(-1) ?? '', canonical: join(names) };
        continue;
      }
      stack.push(cur);
      names.push(c);
      cur = child;
    }
    return { node: cur, parent: stack.at(-1) ?? this.core.root, name: names.at(-1) ?? '', canonical: join(names) };
  }

  private existing(path: string, follow: boolean, syscall: string): VNode {
    const r = this.resolve(path, follow, syscall);
    if (!r.node) throw fsError('ENOENT', syscall, path);
    return r.node;
  }

  /** Canonical path (every symlink resolved); the last component need not exist. */
  canonical(path: string, followLast = true): string {
    return this.resolve(path, followLast, 'realpath').canonical;
  }

  // ---------- reads ----------
  exists(path: string): boolean {
    try {
      return this.resolve(path, true, 'access').node !== undefined;
    } catch {
      return false;
    }
  }
  lexists(path: string): boolean {
    try {
      return this.resolve(path, false, 'access').node !== undefined;
    } catch {
      return false;
    }
  }
  stat(path: string): VolumeStat {
    return toStat(this.existing(path, true, 'stat'));
  }
  lstat(path: string): VolumeStat {
    return toStat(this.existing(path, false, 'lstat'));
  }
  /** The node at a path without following a final symlink (undefined if absent). */
  node(path: string): VNode | undefined {
    try {
      return this.resolve(path, false, 'lstat').node;
    } catch {
      return undefined;
    }
  }
  /**
   * The node at a canonical path, following no symlink at all (undefined if any component is
   * missing or is not a directory): what that very path holds, not what it leads to. A path that
   * was canonical when a change began may run through a symlink by the time the change is diffed
   * (a directory replaced by a link to another one); it then holds nothing.
   */
  at(path: string): VNode | undefined {
    let cur: VNode = this.core.root;
    for (const c of split(path)) {
      if (cur.kind !== 'dir') return undefined;
      const next: VNode | undefined = cur.children.get(c);
      if (!next) return undefined;
      cur = next;
    }
    return cur;
  }
  readFile(path: string): Buffer {
    const n = this.existing(path, true, 'open');
    if (n.kind === 'dir') throw fsError('EISDIR', 'read', path);
    if (this.checked && !(n.mode & 0o400)) throw fsError('EACCES', 'open', path);
    return (n as FileNode).data;
  }
  readdir(path: string): string[] {
    const n = this.existing(path, true, 'scandir');
    if (n.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', path);
    if (this.checked && !(n.mode & 0o400)) throw fsError('EACCES', 'scandir', path);
    return [...n.children.keys()].sort(compareText);
  }
  /** Entries with their node kinds (symlinks reported as symlinks). */
  readdirTypes(path: string): { name: string; kind: VNode['kind'] }[] {
    const n = this.existing(path, true, 'scandir');
    if (n.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', path);
    if (this.checked && !(n.mode & 0o400)) throw fsError('EACCES', 'scandir', path);
    return [...n.children.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, c]) => ({ name, kind: c.kind }));
  }
  readlink(path: string): string {
    const n = this.existing(path, false, 'readlink');
    if (n.kind !== 'symlink') throw fsError('EINVAL', 'readlink', path);
    return n.target;
  }
  realpath(path: string): string {
    const r = this.resolve(path, true, 'realpath');
    if (!r.node) throw fsError('ENOENT', 'realpath', path);
    return r.canonical;
  }

  // ---------- writes ----------
  private now(): number {
    return this.core.clock.now();
  }
  private touchDir(d: DirNode): void {
    d.mtime = this.now();
  }
  private writable(parent: DirNode, syscall: string, path: string): void {
    if (this.checked && (parent.mode & 0o300) !== 0o300) throw fsError('EACCES', syscall, path);
  }
  private charge(delta: number, syscall: string, path: string): void {
    if (this.checked && delta > 0 && this.core.used + delta > this.core.quotaBytes) throw fsError('ENOSPC', syscall, path);
    this.core.used += delta;
  }

  /** Write a whole file (following a final symlink); returns the canonical path written. */
  writeFile(path: string, data: Buffer, mode = 0o644): string {
    const r = this.resolve(path, true, 'open');
    if (r.node) {
      if (r.node.kind === 'dir') throw fsError('EISDIR', 'open', path);
      const f = r.node as FileNode;
      if (this.checked && !(f.mode & 0o200)) throw fsError('EACCES', 'open', path);
      this.charge(data.length - f.data.length, 'write', path);
      f.data = data;
      f.mtime = this.now();
      this.touch(r.canonical);
    } else {
      this.writable(r.parent, 'open', path);
      this.charge(data.length, 'write', path);
      r.parent.children.set(r.name, { kind: 'file', ino: this.core.ino++, mode, mtime: this.now(), data });
      this.touch(r.canonical);
    }
    this.touchDir(r.parent);
    return r.canonical;
  }
  appendFile(path: string, data: Buffer): string {
    const r = this.resolve(path, true, 'open');
    if (r.node && r.node.kind === 'file') {
      if (this.checked && !(r.node.mode & 0o200)) throw fsError('EACCES', 'open', path);
      this.charge(data.length, 'write', path);
      r.node.data = Buffer.concat([r.node.data, data]);
      r.node.mtime = this.now();
      this.touch(r.canonical);
      this.touchDir(r.parent);
      return r.canonical;
    }
    return this.writeFile(path, data);
  }
  mkdir(path: string, mode = 0o755): string {
    const r = this.resolve(path, false, 'mkdir');
    if (r.node) throw fsError('EEXIST', 'mkdir', path);
    this.writable(r.parent, 'mkdir', path);
    r.parent.children.set(r.name, { kind: 'dir', ino: this.core.ino++, mode, mtime: this.now(), children: new Map() });
    this.touch(r.canonical);
    this.touchDir(r.parent);
    return r.canonical;
  }
  symlink(target: string, path: string): string {
    const r = this.resolve(path, false, 'symlink');
    if (r.node) throw fsError('EEXIST', 'symlink', target, path);
    this.writable(r.parent, 'symlink', path);
    r.parent.children.set(r.name, { kind: 'symlink', ino: this.core.ino++, mode: 0o777, mtime: this.now(), target });
    this.touch(r.canonical);
    this.touchDir(r.parent);
    return r.canonical;
  }
  chmod(path: string, mode: number): string {
    const r = this.resolve(path, true, 'chmod');
    if (!r.node) throw fsError('ENOENT', 'chmod', path);
    // The root directory belongs to root, not to the agent (and snapshots hold no entry for it).
    if (this.checked && r.node === this.core.root) throw fsError('EPERM', 'chmod', path);
    r.node.mode = mode & 0o7777;
    this.touch(r.canonical);
    return r.canonical;
  }
  utimes(path: string, mtimeMs: number, follow = true): void {
    const n = this.existing(path, follow, 'utime');
    n.mtime = mtimeMs;
  }
  /** Remove a file, symlink or (with recursive, or when empty) a directory. */
  rm(path: string, opts: { recursive?: boolean; dir?: boolean } = {}): string {
    const r = this.resolve(path, false, 'rm');
    if (!r.node) throw fsError('ENOENT', opts.dir ? 'rmdir' : 'rm', path);
    if (r.canonical === '/') throw fsError('EPERM', 'rm', path);
    if (opts.dir && r.node.kind !== 'dir') throw fsError('ENOTDIR', 'rmdir', path);
    if (r.node.kind === 'dir' && r.node.children.size > 0 && !opts.recursive) throw fsError('ENOTEMPTY', 'rmdir', path);
    this.writable(r.parent, 'rm', path);
    this.touch(r.canonical, r.node);
    r.parent.children.delete(r.name);
    this.core.used -= bytesIn(r.node);
    this.touchDir(r.parent);
    return r.canonical;
  }
  /** POSIX rename: replaces a file, or an empty directory with a directory. */
  rename(src: string, dest: string): { from: string; to: string } {
    const s = this.resolve(src, false, 'rename');
    if (!s.node) throw fsError('ENOENT', 'rename', src, dest);
    const d = this.resolve(dest, false, 'rename');
    if (d.node === s.node) return { from: s.canonical, to: d.canonical };
    if (s.node.kind === 'dir' && (d.canonical === s.canonical || d.canonical.startsWith(`${s.canonical}/`))) throw fsError('EINVAL', 'rename', src, dest);
    if (d.node) {
      if (s.node.kind === 'dir' && d.node.kind !== 'dir') throw fsError('ENOTDIR', 'rename', src, dest);
      if (s.node.kind !== 'dir' && d.node.kind === 'dir') throw fsError('EISDIR', 'rename', src, dest);
      if (d.node.kind === 'dir' && d.node.children.size > 0) throw fsError('ENOTEMPTY', 'rename', src, dest);
    }
    this.writable(s.parent, 'rename', src);
    this.writable(d.parent, 'rename', dest);
    if (d.node) this.core.used -= bytesIn(d.node);
    this.touch(s.canonical, s.node);
    this.touch(d.canonical, d.node);
    s.parent.children.delete(s.name);
    d.parent.children.set(d.name, s.node);
    this.touch(d.canonical, s.node);
    this.touchDir(s.parent);
    this.touchDir(d.parent);
    return { from: s.canonical, to: d.canonical };
  }

  /** Visit every node with its path (the root too), depth first, in no particular order. */
  walk(visit: (path: string, node: VNode) => void): void {
    const go = (p: string, n: VNode) => {
      visit(p, n);
      if (n.kind === 'dir') for (const [name, c] of n.children) go(`${p === '/' ? '' : p}/${name}`, c);
    };
    go('/', this.core.root);
  }

  /** Every path (files, dirs, symlinks), depth first, children sorted. */
  paths(root = '/'): string[] {
    const start = this.node(root);
    if (!start) return [];
    const out: string[] = [];
    const walk = (p: string, n: VNode) => {
      out.push(p);
      if (n.kind === 'dir') for (const name of [...n.children.keys()].sort(compareText)) walk(`${p === '/' ? '' : p}/${name}`, n.children.get(name) as VNode);
    };
    walk(root, start);
    return out;
  }
}

function bytesIn(n: VNode): number {
  if (n.kind === 'file') return n.data.length;
  if (n.kind === 'symlink') return 0;
  let total = 0;
  for (const c of n.children.values()) total += bytesIn(c);
  return total;
}

function toStat(n: VNode): VolumeStat {
  const type = n.kind === 'file' ? S_IFREG : n.kind === 'dir' ? S_IFDIR : S_IFLNK;
  const size = n.kind === 'file' ? n.data.length : n.kind === 'symlink' ? Buffer.byteLength(n.target) : 4096;
  return {
    isFile: n.kind === 'file',
    isDirectory: n.kind === 'dir',
    isSymbolicLink: n.kind === 'symlink',
    mode: type | n.mode,
    size,
    mtime: new Date(n.mtime),
    dev: 2049,
    ino: n.ino,
  };
}
