import type { Clock, FsAccess } from '@glasshouse/schema';
import { normalizePath } from './paths';
import { fsError } from './fs-error';
import { Volume } from './volume';

/** What a path held before a change (copy-on-write pre-image), or null if absent. */
type Pre = { kind: 'file'; bytes: Buffer; mode: number } | { kind: 'dir'; mode: number } | { kind: 'symlink'; target: string } | null;

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

/**
 * The agent's view of the world's filesystem: every access is logged under the canonical path
 * (symlinks resolved; `via` names the path as written when it differs), permissions and the disk
 * quota are enforced, and copy-on-write pre-images of what changes are kept so changes can be diffed
 * in O(changes). Times come from the injected clock only.
 */
export class WorldFs {
  private readonly vol: Volume;
  private readonly harness: Volume;
  private access: FsAccess[] = [];
  private pre = new Map<string, Pre>();

  constructor(clock: Clock, opts: { quotaBytes?: number; volume?: Volume } = {}) {
    this.vol = opts.volume ?? Volume.create(clock, opts.quotaBytes);
    this.harness = this.vol.unchecked();
  }

  // ---------- reads ----------
  readFileSync(path: string): string {
    return this.readFileBufferSync(path).toString('utf8');
  }
  readFileBufferSync(path: string): Buffer {
    const p = normalizePath(path);
    this.log('read', p, true);
    return Buffer.from(this.vol.readFile(p));
  }
  existsSync(path: string): boolean {
    const p = normalizePath(path);
    this.log('stat', p, true);
    return this.vol.exists(p);
  }
  statSync(path: string): WorldStat {
    const p = normalizePath(path);
    this.log('stat', p, true);
    return this.vol.stat(p);
  }
  lstatSync(path: string): WorldStat {
    const p = normalizePath(path);
    this.log('stat', p, false);
    return this.vol.lstat(p);
  }
  readdirSync(path: string): string[] {
    const p = normalizePath(path);
    this.log('list', p, true);
    return this.vol.readdir(p);
  }
  readdirWithFileTypesSync(path: string): WorldDirent[] {
    const p = normalizePath(path);
    this.log('list', p, true);
    return this.vol
      .readdirTypes(p)
      .map((e) => ({ name: e.name, isFile: e.kind === 'file', isDirectory: e.kind === 'dir', isSymbolicLink: e.kind === 'symlink' }));
  }
  readlinkSync(path: string): string {
    const p = normalizePath(path);
    this.log('read', p, false);
    return this.vol.readlink(p);
  }
  realpathSync(path: string): string {
    const p = normalizePath(path);
    this.log('stat', p, true);
    return this.vol.realpath(p);
  }

  // ---------- writes ----------
  writeFileSync(path: string, content: string | Uint8Array): void {
    const p = normalizePath(path);
    this.capture(this.canonical(p, true));
    this.log('write', p, true);
    this.vol.writeFile(p, toBuffer(content));
  }
  appendFileSync(path: string, content: string | Uint8Array): void {
    const p = normalizePath(path);
    this.capture(this.canonical(p, true));
    this.log('append', p, true);
    this.vol.appendFile(p, toBuffer(content));
  }
  mkdirSync(path: string, opts: { recursive?: boolean } = {}): void {
    const p = normalizePath(path);
    this.log('mkdir', p, false);
    if (!opts.recursive) {
      this.capture(this.canonical(p, false));
      this.vol.mkdir(p);
      return;
    }
    let cur = '';
    for (const part of p.split('/').filter(Boolean)) {
      cur += `/${part}`;
      if (this.vol.exists(cur)) {
        if (!this.vol.stat(cur).isDirectory) throw fsError(this.vol.stat(cur).isFile ? 'EEXIST' : 'ENOTDIR', 'mkdir', p);
        continue;
      }
      this.capture(this.canonical(cur, false));
      this.vol.mkdir(cur);
    }
  }
  rmSync(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    const p = normalizePath(path);
    this.log('rm', p, false);
    if (!this.vol.lexists(p)) {
      if (opts.force) return;
      throw fsError('ENOENT', 'rm', p);
    }
    const st = this.vol.lstat(p);
    if (st.isDirectory && !opts.recursive && this.harness.readdir(p).length > 0) throw fsError('ENOTEMPTY', 'rmdir', p);
    this.captureTree(this.canonical(p, false));
    this.vol.rm(p, { recursive: opts.recursive ?? false });
  }
  /** rmdir(2): only an empty directory. */
  rmdirSync(path: string): void {
    const p = normalizePath(path);
    this.log('rm', p, false);
    this.capture(this.canonical(p, false));
    this.vol.rm(p, { dir: true });
  }
  cpSync(src: string, dest: string, opts: { recursive?: boolean } = {}): void {
    const s = normalizePath(src);
    let d = normalizePath(dest);
    this.log('cp', s, true, d);
    const st = this.vol.stat(s);
    if (this.vol.exists(d) && this.vol.stat(d).isDirectory && !st.isDirectory) d = `${d === '/' ? '' : d}/${s.split('/').pop()}`;
    if (st.isDirectory) {
      if (!opts.recursive) throw fsError('EISDIR', 'cp', s);
      // Into itself, under any alias: the copy would list what it is writing.
      const cs = this.canonical(s, true);
      const cd = this.canonical(d, true);
      if (cd === cs || cd.startsWith(`${cs === '/' ? '' : cs}/`)) throw fsError('EINVAL', 'cp', s, d);
      this.copyTree(s, d);
      return;
    }
    const data = this.vol.readFile(s);
    this.capture(this.canonical(d, true));
    this.vol.writeFile(d, data, st.mode & 0o7777);
    this.vol.chmod(d, st.mode & 0o7777);
  }
  renameSync(src: string, dest: string): void {
    const s = normalizePath(src);
    let d = normalizePath(dest);
    this.log('mv', s, false, d);
    if (!this.vol.lexists(s)) throw fsError('ENOENT', 'rename', s, d);
    if (this.vol.exists(d) && this.vol.stat(d).isDirectory && !this.vol.lstat(s).isDirectory) d = `${d === '/' ? '' : d}/${s.split('/').pop()}`;
    const cs = this.canonical(s, false);
    const cd = this.canonical(d, false);
    const moved = this.harness.paths(cs);
    for (const q of moved) this.capture(q);
    this.captureTree(cd);
    for (const q of moved) this.capture(cd + q.slice(cs.length));
    this.vol.rename(s, d);
  }
  chmodSync(path: string, mode: number): void {
    const p = normalizePath(path);
    this.capture(this.canonical(p, true));
    this.log('chmod', p, true);
    this.vol.chmod(p, mode);
  }
  symlinkSync(target: string, linkPath: string): void {
    const p = normalizePath(linkPath);
    this.capture(this.canonical(p, false));
    this.log('symlink', p, false, target);
    this.vol.symlink(target, p);
  }
  linkSync(existing: string, newPath: string): void {
    const s = normalizePath(existing);
    const p = normalizePath(newPath);
    this.log('link', s, true, p);
    // Hard links are stored as independent copies so snapshots stay simple and faithful in content.
    if (this.vol.lexists(p)) throw fsError('EEXIST', 'link', s, p);
    const data = this.vol.readFile(s);
    this.capture(this.canonical(p, false));
    this.vol.writeFile(p, data, this.vol.stat(s).mode & 0o7777);
  }
  utimesSync(path: string, _atime: Date, mtime: Date): void {
    const p = normalizePath(path);
    this.log('utimes', p, true);
    this.vol.utimes(p, mtime.getTime());
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
  rmdir = async (p: string) => this.rmdirSync(p);
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
    return this.harness.paths('/');
  }

  /** Bytes of file content stored, and the quota. */
  get usage(): { usedBytes: number; quotaBytes: number } {
    return { usedBytes: this.vol.usedBytes, quotaBytes: this.vol.quotaBytes };
  }

  // ---------- change tracking (internal) ----------
  /** @internal */ takeAccess(): FsAccess[] {
    const a = this.access;
    this.access = [];
    return a;
  }
  /** @internal Paths mutated since the last call (canonical), with their pre-images. */
  takePreImages(): Map<string, Pre> {
    const p = this.pre;
    this.pre = new Map();
    return p;
  }
  /** @internal Current state of a canonical path (no symlink followed), unlogged and without permission checks. */
  stateOf(path: string): Pre {
    const n = this.harness.at(path);
    if (!n) return null;
    if (n.kind === 'symlink') return { kind: 'symlink', target: n.target };
    if (n.kind === 'dir') return { kind: 'dir', mode: n.mode };
    return { kind: 'file', bytes: n.data, mode: n.mode };
  }
  /** @internal The volume without permission or quota checks (snapshots, seeding, restoring). */
  raw(): Volume {
    return this.harness;
  }
  /** @internal The checked volume (to clone a built world). */
  volume(): Volume {
    return this.vol;
  }

  private canonical(p: string, followLast: boolean): string {
    try {
      return this.harness.canonical(p, followLast);
    } catch {
      return p;
    }
  }
  private log(op: FsAccess['op'], path: string, followLast: boolean, to?: string): void {
    const c = this.canonical(path, followLast);
    const entry: FsAccess = { op, path: c };
    if (to !== undefined) entry.to = op === 'symlink' ? to : this.canonical(to, op !== 'mv');
    if (c !== path) entry.via = path;
    this.access.push(entry);
  }
  private capture(p: string): void {
    if (!this.pre.has(p)) this.pre.set(p, this.stateOf(p));
  }
  private captureTree(p: string): void {
    for (const q of this.harness.paths(p)) this.capture(q);
  }
  /**
   * `cp -r`: symlinks inside the tree are copied as symlinks (GNU cp -R never dereferences them),
   * so a link back into the destination cannot make the copy grow without end.
   */
  private copyTree(s: string, d: string): void {
    if (!this.vol.exists(d)) {
      this.capture(this.canonical(d, false));
      this.vol.mkdir(d);
    }
    for (const name of this.vol.readdir(s)) {
      const from = `${s === '/' ? '' : s}/${name}`;
      const to = `${d === '/' ? '' : d}/${name}`;
      const st = this.vol.lstat(from);
      if (st.isSymbolicLink) {
        const cto = this.canonical(to, false);
        if (this.vol.lexists(to)) {
          if (this.vol.lstat(to).isDirectory) throw fsError('EEXIST', 'symlink', from, to);
          this.capture(cto);
          this.vol.rm(to);
        }
        this.capture(cto);
        this.vol.symlink(this.vol.readlink(from), to);
      } else if (st.isDirectory) this.copyTree(from, to);
      else {
        this.capture(this.canonical(to, true));
        this.vol.writeFile(to, this.vol.readFile(from), st.mode & 0o7777);
      }
    }
  }
}

function toBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

export type { Pre };
