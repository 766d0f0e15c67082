import type { IFileSystem } from 'just-bash';
import type { World } from '@glasshouse/world';
import { normalizePath } from '@glasshouse/world';

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
const isDevice = (path: string) => DEVICES.has(normalizePath(path));
const deviceStat = () => ({ isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o20666, size: 0, mtime: new Date(0), dev: 5, ino: 1 });

/**
 * just-bash's filesystem interface over the world's filesystem: every shell file operation goes
 * through WorldFs, so it is logged and diffed like any other tool's, and the host is unreachable.
 */
export class WorldFsAdapter implements IFileSystem {
  constructor(private readonly world: World) {}

  private get fs() {
    return this.world.fs;
  }

  async readFile(path: string, options?: Enc): Promise<string> {
    if (isDevice(path)) return '';
    const enc = encodingOf(options);
    if (enc === 'utf8' || enc === 'utf-8') return this.fs.readFileSync(path);
    const buf = this.fs.readFileBufferSync(path);
    return buf.toString(enc === 'binary' ? 'latin1' : (enc as BufferEncoding));
  }
  async readFileBytes(path: string): Promise<never> {
    if (isDevice(path)) return '' as never;
    return this.fs.readFileBufferSync(path).toString('latin1') as never;
  }
  async readFileBuffer(path: string): Promise<Uint8Array> {
    if (isDevice(path)) return new Uint8Array(0);
    return new Uint8Array(this.fs.readFileBufferSync(path));
  }
  async writeFile(path: string, content: string | Uint8Array, options?: Enc): Promise<void> {
    if (isDevice(path)) return;
    this.fs.writeFileSync(path, toBytes(content, options));
  }
  async appendFile(path: string, content: string | Uint8Array, options?: Enc): Promise<void> {
    if (isDevice(path)) return;
    this.fs.appendFileSync(path, toBytes(content, options));
  }
  async exists(path: string): Promise<boolean> {
    if (isDevice(path) || normalizePath(path) === '/dev') return true;
    return this.fs.existsSync(path);
  }
  async stat(path: string) {
    if (isDevice(path)) return deviceStat();
    return this.fs.statSync(path);
  }
  async lstat(path: string) {
    if (isDevice(path)) return deviceStat();
    return this.fs.lstatSync(path);
  }
  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    this.fs.mkdirSync(path, options);
  }
  async readdir(path: string): Promise<string[]> {
    return this.fs.readdirSync(path);
  }
  async readdirWithFileTypes(path: string) {
    return this.fs.readdirWithFileTypesSync(path);
  }
  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    this.fs.rmSync(path, options);
  }
  async cp(src: string, dest: string, options?: { recursive?: boolean }): Promise<void> {
    this.fs.cpSync(src, dest, options);
  }
  async mv(src: string, dest: string): Promise<void> {
    this.fs.renameSync(src, dest);
  }
  resolvePath(base: string, path: string): string {
    return normalizePath(path, base);
  }
  getAllPaths(): string[] {
    return this.fs.getAllPaths();
  }
  async chmod(path: string, mode: number): Promise<void> {
    this.fs.chmodSync(path, mode);
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    this.fs.symlinkSync(target, linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    this.fs.linkSync(existingPath, newPath);
  }
  async readlink(path: string): Promise<string> {
    return this.fs.readlinkSync(path);
  }
  async realpath(path: string): Promise<string> {
    return this.fs.realpathSync(path);
  }
  async utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    this.fs.utimesSync(path, atime, mtime);
  }
}
