import { Volume, createFsFromVolume } from 'memfs';
import type { Clock, FsAccess } from '@glasshouse/schema';
import { normalizePath, parentOf } from './paths';

type Pre = { kind: 'file'; bytes: Buffer; mode: number } | { kind: 'dir' } | { kind: 'symlink'; target: string } | null;

export interface WorldStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  mode: number;
  size: number;
  mtime: Date;
  /** Device and inode (tools like cp use them to tell whether two paths are the same file). */
  dev: number;
  ino: number;
}

export interface WorldDirent {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

type MemFs = ReturnType<typeof createFsFromVolume>;

/**
 * The world's filesystem: a memfs volume behind a wrapper that logs every access, stamps mtimes
 * from the injected clock, and keeps copy-on-write pre-images of what it mutates so changes can be
 * diffed in O(changes).
 */
export class WorldFs {
  /** @internal */ readonly vol: InstanceType<typeof Volume>;
  private readonly fs: MemFs;
  private readonly clock: Clock;
  private access: FsAccess[] = [];
  private pre = new Map<string, Pre>();

  constructor(clock: Clock, vol?: InstanceType<typeof Volume>) {
    this.clock = clock;
    this.vol = vol ?? new Volume();
    this.fs = createFsFromVolume(this.vol);
  }

  // ---------- reads ----------
  readFileSync(path: string): string {
    const p = normalizePath(path);
    this.log('read', p);
    return this.fs.readFileSync(p, 'utf8') as string;
  }
  readFileBufferSync(path: string): Buffer {
    const p = normalizePath(path);
    this.log('read', p);
    return Buffer.from(this.fs.readFileSync(p) as Buffer);
  }
  existsSync(path: string): boolean {
    const p = normalizePath(path);
    this.log('stat', p);
    return this.fs.existsSync(p);
  }
  statSync(path: string): WorldStat {
    const p = normalizePath(path);
    this.log('stat', p);
    return toStat(this.fs.statSync(p));
  }
  lstatSync(path: string): WorldStat {
    const p = normalizePath(path);
    this.log('stat', p);
    return toStat(this.fs.lstatSync(p));
  }
  readdirSync(path: string): string[] {
    const p = normalizePath(path);
    this.log('list', p);
    return (this.fs.readdirSync(p) as string[]).map(String).sort();
  }
  readdirWithFileTypesSync(path: string): WorldDirent[] {
    const p = normalizePath(path);
    this.log('list', p);
    const entries = this.fs.readdirSync(p, { withFileTypes: true }) as unknown as { name: string | Buffer; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }[];
    return entries
      .map((e) => ({ name: String(e.name), isFile: e.isFile(), isDirectory: e.isDirectory(), isSymbolicLink: e.isSymbolicLink() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  readlinkSync(path: string): string {
    const p = normalizePath(path);
    this.log('read', p);
    return String(this.fs.readlinkSync(p));
  }
  realpathSync(path: string): string {
    const p = normalizePath(path);
    this.log('stat', p);
    return String(this.fs.realpathSync(p));
  }

  // ---------- writes ----------
  writeFileSync(path: string, content: string | Uint8Array): void {
    const p = this.resolveTarget(normalizePath(path));
    this.capture(p);
    this.log('write', p);
    this.fs.writeFileSync(p, content);
    this.stamp(p);
  }
  appendFileSync(path: string, content: string | Uint8Array): void {
    const p = this.resolveTarget(normalizePath(path));
    this.capture(p);
    this.log('append', p);
    this.fs.appendFileSync(p, content);
    this.stamp(p);
  }
  mkdirSync(path: string, opts: { recursive?: boolean } = {}): void {
    const p = normalizePath(path);
    this.log('mkdir', p);
    if (opts.recursive) {
      const parts = p.split('/').filter(Boolean);
      let cur = '';
      for (const part of parts) {
        cur += `/${part}`;
        if (!this.fs.existsSync(cur)) {
          this.capture(cur);
          this.fs.mkdirSync(cur);
          this.stamp(cur);
        }
      }
      if (!this.fs.statSync(p).isDirectory()) this.fs.mkdirSync(p); // throws EEXIST/ENOTDIR like Node
      return;
    }
    this.capture(p);
    this.fs.mkdirSync(p);
    this.stamp(p);
  }
  rmSync(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    const p = normalizePath(path);
    this.log('rm', p);
    if (!this.lexists(p)) {
      if (opts.force) return;
    } else {
      const st = this.fs.lstatSync(p);
      if (st.isDirectory() && !opts.recursive) {
        const entries = this.fs.readdirSync(p) as unknown[];
        if (entries.length > 0) {
          const err = new Error(`ENOTEMPTY: directory not empty, rmdir '${p}'`) as Error & { code: string };
          err.code = 'ENOTEMPTY';
          throw err;
        }
      }
      this.captureTree(p);
    }
    this.fs.rmSync(p, { recursive: opts.recursive ?? false, force: opts.force ?? false });
    if (p !== '/') this.stamp(parentOf(p), true);
  }
  cpSync(src: string, dest: string, opts: { recursive?: boolean } = {}): void {
    const s = normalizePath(src);
    let d = normalizePath(dest);
    this.log('cp', s, d);
    const st = this.fs.statSync(s);
    if (this.fs.existsSync(d) && this.fs.statSync(d).isDirectory() && !st.isDirectory()) d = `${d === '/' ? '' : d}/${s.split('/').pop()}`;
    if (st.isDirectory()) {
      if (!opts.recursive) {
        const err = new Error(`EISDIR: illegal operation on a directory, cp '${s}'`) as Error & { code: string };
        err.code = 'EISDIR';
        throw err;
      }
      this.copyTree(s, d);
      return;
    }
    const target = this.resolveTarget(d);
    this.capture(target);
    this.fs.writeFileSync(target, this.fs.readFileSync(s) as Buffer);
    this.fs.chmodSync(target, st.mode & 0o7777);
    this.stamp(target);
  }
  renameSync(src: string, dest: string): void {
    const s = normalizePath(src);
    let d = normalizePath(dest);
    this.log('mv', s, d);
    if (!this.lexists(s)) this.fs.lstatSync(s); // throws ENOENT
    if (this.fs.existsSync(d) && this.fs.statSync(d).isDirectory() && !this.fs.lstatSync(s).isDirectory()) d = `${d === '/' ? '' : d}/${s.split('/').pop()}`;
    const moved = this.walk(s);
    for (const q of moved) this.capture(q);
    this.captureTree(d);
    for (const q of moved) this.capture(d + q.slice(s.length));
    this.fs.renameSync(s, d);
    this.stamp(d);
    this.stamp(parentOf(s), true);
  }
  chmodSync(path: string, mode: number): void {
    const p = normalizePath(path);
    this.capture(p);
    this.log('chmod', p);
    this.fs.chmodSync(p, mode);
  }
  symlinkSync(target: string, linkPath: string): void {
    const p = normalizePath(linkPath);
    this.capture(p);
    this.log('symlink', p, target);
    this.fs.symlinkSync(target, p);
  }
  linkSync(existing: string, newPath: string): void {
    const s = normalizePath(existing);
    const p = normalizePath(newPath);
    this.capture(p);
    this.log('link', s, p);
    // Hard links are stored as independent copies so snapshots stay simple and faithful in content.
    if (this.fs.existsSync(p)) {
      const err = new Error(`EEXIST: file already exists, link '${s}' -> '${p}'`) as Error & { code: string };
      err.code = 'EEXIST';
      throw err;
    }
    this.fs.writeFileSync(p, this.fs.readFileSync(s) as Buffer);
    this.stamp(p);
  }
  utimesSync(path: string, _atime: Date, mtime: Date): void {
    const p = normalizePath(path);
    this.log('utimes', p);
    this.fs.utimesSync(p, mtime, mtime);
  }

  // ---------- async facade (for the shell adapter and tools) ----------
  readFile = async (p: string) => this.readFileSync(p);
  readFileBuffer = async (p: string) => this.readFileBufferSync(p);
  writeFile = async (p: string, c: string | Uint8Array) => this.writeFileSync(p, c);
  appendFile = async (p: string, c: string | Uint8Array) => this.appendFileSync(p, c);
  exists = async (p: string) => this.existsSync(p);
  stat = async (p: string) => this.statSync(p);
  lstat = async (p: string) => this.lstatSync(p);
  readdir = async (p: string) => this.readdirSync(p);
  readdirWithFileTypes = async (p: string) => this.readdirWithFileTypesSync(p);
  mkdir = async (p: string, o?: { recursive?: boolean }) => this.mkdirSync(p, o);
  rm = async (p: string, o?: { recursive?: boolean; force?: boolean }) => this.rmSync(p, o);
  cp = async (s: string, d: string, o?: { recursive?: boolean }) => this.cpSync(s, d, o);
  mv = async (s: string, d: string) => this.renameSync(s, d);
  chmod = async (p: string, m: number) => this.chmodSync(p, m);
  symlink = async (t: string, l: string) => this.symlinkSync(t, l);
  link = async (e: string, n: string) => this.linkSync(e, n);
  readlink = async (p: string) => this.readlinkSync(p);
  realpath = async (p: string) => this.realpathSync(p);
  utimes = async (p: string, a: Date, m: Date) => this.utimesSync(p, a, m);

  /** Every path in the volume (files, dirs, symlinks), sorted. Not logged. */
  getAllPaths(): string[] {
    return this.walk('/').sort();
  }

  // ---------- change tracking (internal) ----------
  /** @internal */ takeAccess(): FsAccess[] {
    const a = this.access;
    this.access = [];
    return a;
  }
  /** @internal Paths mutated since the last call, with their pre-images. */
  takePreImages(): Map<string, Pre> {
    const p = this.pre;
    this.pre = new Map();
    return p;
  }
  /** @internal Current state of a path, unlogged. */
  stateOf(path: string): Pre {
    if (!this.lexists(path)) return null;
    const st = this.fs.lstatSync(path);
    if (st.isSymbolicLink()) return { kind: 'symlink', target: String(this.fs.readlinkSync(path)) };
    if (st.isDirectory()) return { kind: 'dir' };
    return { kind: 'file', bytes: Buffer.from(this.fs.readFileSync(path) as Buffer), mode: st.mode & 0o7777 };
  }
  /** @internal Unlogged raw access for snapshots and seeding. */
  raw(): MemFs {
    return this.fs;
  }

  private log(op: FsAccess['op'], path: string, to?: string): void {
    this.access.push(to === undefined ? { op, path } : { op, path, to });
  }
  private lexists(p: string): boolean {
    try {
      this.fs.lstatSync(p);
      return true;
    } catch {
      return false;
    }
  }
  private resolveTarget(p: string): string {
    try {
      if (this.fs.lstatSync(p).isSymbolicLink()) return String(this.fs.realpathSync(p));
    } catch {
      /* does not exist yet */
    }
    return p;
  }
  private capture(p: string): void {
    if (!this.pre.has(p)) this.pre.set(p, this.stateOf(p));
  }
  private captureTree(p: string): void {
    for (const q of this.walk(p)) this.capture(q);
  }
  private walk(root: string): string[] {
    if (!this.lexists(root)) return [];
    const out = [root];
    const st = this.fs.lstatSync(root);
    if (st.isDirectory()) {
      for (const name of (this.fs.readdirSync(root) as unknown[]).map(String)) out.push(...this.walk(`${root === '/' ? '' : root}/${name}`));
    }
    return out;
  }
  private copyTree(s: string, d: string): void {
    if (!this.fs.existsSync(d)) {
      this.capture(d);
      this.fs.mkdirSync(d, { recursive: true });
      this.stamp(d);
    }
    for (const name of (this.fs.readdirSync(s) as unknown[]).map(String)) {
      const from = `${s === '/' ? '' : s}/${name}`;
      const to = `${d === '/' ? '' : d}/${name}`;
      if (this.fs.statSync(from).isDirectory()) this.copyTree(from, to);
      else {
        this.capture(to);
        this.fs.writeFileSync(to, this.fs.readFileSync(from) as Buffer);
        this.stamp(to);
      }
    }
  }
  private stamp(p: string, parentOnly = false): void {
    const t = new Date(this.clock.now());
    try {
      if (!parentOnly) this.fs.utimesSync(p, t, t);
      if (p !== '/') this.fs.utimesSync(parentOnly ? p : parentOf(p), t, t);
    } catch {
      /* path vanished (e.g. rm); nothing to stamp */
    }
  }
}

function toStat(st: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean; mode: number | bigint; size: number | bigint; mtime: Date; ino: number | bigint; dev: number | bigint }): WorldStat {
  return { isFile: st.isFile(), isDirectory: st.isDirectory(), isSymbolicLink: st.isSymbolicLink(), mode: Number(st.mode), size: Number(st.size), mtime: st.mtime, dev: Number(st.dev) || 2049, ino: Number(st.ino) };
}

export type { Pre };
