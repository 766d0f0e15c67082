import type { IFileSystem } from 'just-bash';
import type { World } from '@glasshouse/world';
import { fsError, normalizePath } from '@glasshouse/world';

type Enc = string | { encoding?: string | null } | undefined;

function encodingOf(o: Enc): string {
  if (typeof o === 'string') return o;
  return o?.encoding ?? 'utf8';
}

function toBytes(content: string | Uint8Array, o: Enc): Buffer {
  if (typeof content !== 'string') return Buffer.from(content);
  const enc = encodingOf(o);
  return Buffer.from(content, enc === 'binary' ? 'latin1' : (enc as BufferEncoding));
}

/** Device files every shell expects; they are not part of the world and never show up as changes. */
const DEVICES = new Set(['/dev/null', '/dev/zero', '/dev/tty']);
const EPOCH = new Date(0);
const YIELD_EVERY_OPS = 256;
const YIELDING = [
  'readFile',
  'readFileBytes',
  'readFileBuffer',
  'writeFile',
  'appendFile',
  'exists',
  'stat',
  'lstat',
  'mkdir',
  'readdir',
  'readdirWithFileTypes',
  'rm',
  'rmdir',
  'cp',
  'mv',
  'chmod',
  'symlink',
  'link',
  'readlink',
  'realpath',
  'utimes',
] as const;
/** When the operating system was installed: the date of the system directories and commands. */
const INSTALLED = new Date(Date.UTC(2024, 10, 1, 10, 12, 0));
const deviceStat = () => ({ isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o20666, size: 0, mtime: EPOCH, dev: 5, ino: 1 });
/** Directories holding the shell's commands: read-only, owned by root, not part of the world. */
const BIN_DIRS = new Set(['/bin', '/usr/bin']);
/** Empty and read-only (first on PATH, so a lookup there must not hit the world either). */
const EMPTY_BIN = '/usr/local/bin';
const SYSTEM_DIRS = new Set([...BIN_DIRS, EMPTY_BIN, '/usr', '/usr/local']);
const dirStat = () => ({ isFile: false, isDirectory: true, isSymbolicLink: false, mode: 0o40755, size: 4096, mtime: INSTALLED, dev: 2049, ino: 2 });
const binStat = () => ({ isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o100755, size: 0, mtime: INSTALLED, dev: 2049, ino: 3 });
const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * just-bash's filesystem interface over the world's filesystem: every shell file operation goes
 * through WorldFs, so it is logged and diffed like any other tool's, and the host is unreachable.
 * `/dev/null` and the command directories (`/bin`, `/usr/bin`, `/usr/local/bin`, listing the
 * shell's commands) are served here, unlogged: looking a command up is not a file access.
 */
export class WorldFsAdapter implements IFileSystem {
  private commands: ReadonlySet<string> = new Set();

  constructor(private readonly world: World) {
    // Every operation runs synchronously when called (so the access log follows the call order,
    // whatever is awaited concurrently); only then may the returned promise give the event loop a turn.
    const self = this as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const name of YIELDING) {
      const op = self[name] as (...a: unknown[]) => Promise<unknown>;
      self[name] = async (...a: unknown[]) => {
        const r = await op.apply(this, a);
        await this.breathe();
        return r;
      };
    }
  }

  /** Start counting operations afresh (each command: where it yields depends only on the command). */
  resetYield(): void {
    this.ops = 0;
  }

  /** The commands the shell has (listed in the command directories). */
  setCommands(names: Iterable<string>): void {
    this.commands = new Set(names);
  }

  private ops = 0;

  private get fs() {
    return this.world.fs;
  }
  /**
   * Give the event loop a turn every few hundred filesystem operations, so a long shell loop over
   * many files does not freeze other episodes and watchdogs in the same process. Counted, not
   * timed: where a command yields must not depend on the machine's speed, or concurrent parts of a
   * pipeline would interleave (and log) differently from run to run.
   */
  private async breathe(): Promise<void> {
    if (++this.ops % YIELD_EVERY_OPS !== 0) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  /** What a path is outside the world: a device, a command directory, a command, or nothing. */
  private system(path: string): 'device' | 'dir' | 'bin' | 'missing' | null {
    const p = normalizePath(path);
    if (DEVICES.has(p) || p === '/dev') return p === '/dev' ? 'dir' : 'device';
    if (SYSTEM_DIRS.has(p)) return 'dir';
    if (BIN_DIRS.has(parent(p))) return this.commands.has(base(p)) ? 'bin' : 'missing';
    if (parent(p) === EMPTY_BIN) return 'missing';
    return null;
  }
  private readOnly(path: string, syscall: string): void {
    const s = this.system(path);
    if (s === 'device') return;
    if (s !== null) throw fsError('EACCES', syscall, normalizePath(path));
  }

  async readFile(path: string, options?: Enc): Promise<string> {
    const s = this.system(path);
    if (s === 'device' || s === 'bin') return '';
    const enc = encodingOf(options);
    if (enc === 'utf8' || enc === 'utf-8') return this.fs.readFileSync(path);
    const buf = this.fs.readFileBufferSync(path);
    return buf.toString(enc === 'binary' ? 'latin1' : (enc as BufferEncoding));
  }
  async readFileBytes(path: string): Promise<never> {
    const s = this.system(path);
    if (s === 'device' || s === 'bin') return '' as never;
    return this.fs.readFileBufferSync(path).toString('latin1') as never;
  }
  async readFileBuffer(path: string): Promise<Uint8Array> {
    const s = this.system(path);
    if (s === 'device' || s === 'bin') return new Uint8Array(0);
    return new Uint8Array(this.fs.readFileBufferSync(path));
  }
  async writeFile(path: string, content: string | Uint8Array, options?: Enc): Promise<void> {
    if (this.system(path) === 'device') return;
    this.readOnly(path, 'open');
    this.fs.writeFileSync(path, toBytes(content, options));
  }
  async appendFile(path: string, content: string | Uint8Array, options?: Enc): Promise<void> {
    if (this.system(path) === 'device') return;
    this.readOnly(path, 'open');
    this.fs.appendFileSync(path, toBytes(content, options));
  }
  async exists(path: string): Promise<boolean> {
    const s = this.system(path);
    if (s === 'missing') return false;
    if (s !== null) return true;
    return this.fs.existsSync(path);
  }
  async stat(path: string) {
    const s = this.system(path);
    if (s === 'device') return deviceStat();
    if (s === 'dir') return dirStat();
    if (s === 'bin') return binStat();
    if (s === 'missing') throw fsError('ENOENT', 'stat', normalizePath(path));
    return this.fs.statSync(path);
  }
  async lstat(path: string) {
    return this.system(path) === null ? this.fs.lstatSync(path) : this.stat(path);
  }
  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    const s = this.system(path);
    if (s === 'dir' && options?.recursive) return;
    if (s !== null) throw fsError(s === 'missing' ? 'EACCES' : 'EEXIST', 'mkdir', normalizePath(path));
    this.fs.mkdirSync(path, options);
  }
  async readdir(path: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(path)).map((e) => e.name);
  }
  async readdirWithFileTypes(path: string) {
    const p = normalizePath(path);
    if (p === EMPTY_BIN) return [];
    if (BIN_DIRS.has(p)) return [...this.commands].sort().map((name) => ({ name, isFile: true, isDirectory: false, isSymbolicLink: false }));
    const extra = p === '/' ? ['bin', 'usr'] : p === '/usr' ? ['bin', 'local'] : p === '/usr/local' ? ['bin'] : p === '/dev' ? ['null', 'tty', 'zero'] : [];
    const own = SYSTEM_DIRS.has(p) || p === '/dev' ? (this.fs.existsSync(p) ? this.fs.readdirWithFileTypesSync(p) : []) : this.fs.readdirWithFileTypesSync(p);
    const names = new Set(own.map((e) => e.name));
    const added = extra.filter((n) => !names.has(n)).map((name) => ({ name, isFile: p === '/dev', isDirectory: p !== '/dev', isSymbolicLink: false }));
    return [...own, ...added].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    this.readOnly(path, 'rm');
    this.fs.rmSync(path, options);
  }
  async rmdir(path: string): Promise<void> {
    this.readOnly(path, 'rmdir');
    this.fs.rmdirSync(path);
  }
  async cp(src: string, dest: string, options?: { recursive?: boolean }): Promise<void> {
    this.readOnly(dest, 'cp');
    // A device is read as the empty stream it serves (`cp /dev/null file` empties the file), as on Linux.
    if (this.system(src) === 'device') {
      if (this.system(dest) === 'device') return;
      const into =
        this.fs.existsSync(dest) && this.fs.statSync(dest).isDirectory ? `${normalizePath(dest).replace(/\/$/, '')}/${base(normalizePath(src))}` : dest;
      this.fs.writeFileSync(into, Buffer.alloc(0));
      return;
    }
    this.fs.cpSync(src, dest, options);
  }
  async mv(src: string, dest: string): Promise<void> {
    this.readOnly(src, 'rename');
    this.readOnly(dest, 'rename');
    this.fs.renameSync(src, dest);
  }
  resolvePath(base: string, path: string): string {
    return normalizePath(path, base);
  }
  getAllPaths(): string[] {
    return this.fs.getAllPaths();
  }
  async chmod(path: string, mode: number): Promise<void> {
    this.readOnly(path, 'chmod');
    this.fs.chmodSync(path, mode);
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    this.readOnly(linkPath, 'symlink');
    this.fs.symlinkSync(target, linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    this.readOnly(newPath, 'link');
    this.fs.linkSync(existingPath, newPath);
  }
  async readlink(path: string): Promise<string> {
    return this.fs.readlinkSync(path);
  }
  async realpath(path: string): Promise<string> {
    if (this.system(path) !== null && this.system(path) !== 'missing') return normalizePath(path);
    return this.fs.realpathSync(path);
  }
  async utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    this.readOnly(path, 'utime');
    this.fs.utimesSync(path, atime, mtime);
  }
}
