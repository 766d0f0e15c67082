import { defineCommand } from 'just-bash';
import type { IFileSystem } from 'just-bash';
import type { Clock } from '@glasshouse/schema';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = 15_778_476_000;
const FLAGS = new Set('aAlh1dRrtSFp'.split(''));
const LONG: Record<string, string> = { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', recursive: 'R', reverse: 'r', classify: 'F' };

interface Entry {
  name: string;
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  size: number;
  mtime: number;
  target?: string;
  /** For a symlink: whether it points at a directory. */
  toDir?: boolean;
}

type Stat = Awaited<ReturnType<IFileSystem['lstat']>>;

function modeString(kind: Entry['kind'], mode: number): string {
  const t = kind === 'dir' ? 'd' : kind === 'symlink' ? 'l' : '-';
  const bits = (shift: number, special: number, ch: string) => {
    const r = mode & (4 << shift) ? 'r' : '-';
    const w = mode & (2 << shift) ? 'w' : '-';
    const x = mode & (1 << shift);
    const s = mode & special;
    return `${r}${w}${s ? (x ? ch : ch.toUpperCase()) : x ? 'x' : '-'}`;
  };
  return `${t}${bits(6, 0o4000, 's')}${bits(3, 0o2000, 's')}${bits(0, 0o1000, 't')}`;
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return v < 10 ? `${(Math.ceil(v * 10) / 10).toFixed(1)}${units[u]}` : `${Math.ceil(v)}${units[u]}`;
}

function dateString(ms: number, now: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = ms <= now && now - ms < SIX_MONTHS_MS;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

function errText(err: unknown): string {
  const code = (err as { code?: string })?.code;
  return code === 'EACCES' ? 'Permission denied' : code === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory';
}

/**
 * `ls` that shows what the world holds: real modes (after chmod), symlinks as `l` with their target,
 * sizes and mtimes from the episode clock, in the workstation's timezone (UTC). Common flags:
 * -a -A -l -h -1 -d -R -r -t -S -F -p.
 */
export function lsCommand(opts: { clock: Clock; username: string }) {
  return defineCommand('ls', async (args, ctx) => {
    const flags = new Set<string>();
    const operands: string[] = [];
    let endOfFlags = false;
    for (const a of args) {
      if (!endOfFlags && a === '--') endOfFlags = true;
      else if (!endOfFlags && a.startsWith('--') && a.length > 2) {
        const name = a.slice(2).split('=')[0] as string;
        if (name === 'color' || name === 'group-directories-first') continue;
        const f = LONG[name];
        if (!f) return { stdout: '', stderr: `ls: unrecognized option '${a}'\nTry 'ls --help' for more information.\n`, exitCode: 2 };
        flags.add(f);
      } else if (!endOfFlags && a.startsWith('-') && a.length > 1) {
        for (const c of a.slice(1)) {
          if (!FLAGS.has(c)) return { stdout: '', stderr: `ls: invalid option -- '${c}'\nTry 'ls --help' for more information.\n`, exitCode: 2 };
          flags.add(c);
        }
      } else operands.push(a);
    }
    const fs = ctx.fs;
    const long = flags.has('l');
    const now = opts.clock.now();
    const resolve = (p: string) => fs.resolvePath(ctx.cwd, p);
    const entry = async (name: string, path: string, st: Stat): Promise<Entry> => {
      const kind: Entry['kind'] = st.isSymbolicLink ? 'symlink' : st.isDirectory ? 'dir' : 'file';
      const e: Entry = { name, path, kind, mode: st.mode & 0o7777, size: st.size, mtime: st.mtime ? st.mtime.getTime() : 0 };
      if (kind === 'symlink') {
        e.target = await fs.readlink(path);
        try {
          e.toDir = (await fs.stat(path)).isDirectory;
        } catch {
          e.toDir = false;
        }
      }
      return e;
    };
    const sortEntries = (list: Entry[]) => {
      const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      list.sort(flags.has('t') ? (a, b) => b.mtime - a.mtime || byName(a, b) : flags.has('S') ? (a, b) => b.size - a.size || byName(a, b) : byName);
      if (flags.has('r')) list.reverse();
      return list;
    };
    const suffix = (e: Entry) => {
      if (flags.has('F')) return e.kind === 'dir' ? '/' : e.kind === 'symlink' ? '@' : e.mode & 0o111 ? '*' : '';
      return flags.has('p') && e.kind === 'dir' ? '/' : '';
    };
    const render = (list: Entry[], withTotal: boolean): string[] => {
      if (!long) return list.map((e) => `${e.name}${suffix(e)}`);
      const sizes = list.map((e) => (flags.has('h') ? human(e.size) : String(e.size)));
      const w = Math.max(0, ...sizes.map((s) => s.length));
      const lines = list.map((e, i) => {
        const name = e.kind === 'symlink' ? `${e.name}${flags.has('F') ? '' : ''} -> ${e.target}` : `${e.name}${suffix(e)}`;
        const links = e.kind === 'dir' ? 2 : 1;
        return `${modeString(e.kind, e.mode)} ${links} ${opts.username} ${opts.username} ${(sizes[i] as string).padStart(w)} ${dateString(e.mtime, now)} ${name}`;
      });
      if (!withTotal) return lines;
      const blocks = list.reduce((n, e) => n + (e.kind === 'file' ? Math.ceil(e.size / 4096) * 4 : e.kind === 'dir' ? 4 : 0), 0);
      return [`total ${flags.has('h') ? human(blocks * 1024) : blocks}`, ...lines];
    };
    let stdout = '';
    let stderr = '';
    let exitCode = 0;
    const listDir = async (path: string, label: string | null): Promise<string[]> => {
      let names: string[];
      try {
        names = await fs.readdir(path);
      } catch (err) {
        stderr += `ls: cannot open directory '${label ?? path}': ${errText(err)}\n`;
        exitCode = 2;
        return [];
      }
      const all = flags.has('a');
      const shown = names.filter((n) => all || flags.has('A') || !n.startsWith('.'));
      const entries: Entry[] = [];
      if (all) {
        for (const [n, p] of [
          ['.', path],
          ['..', path === '/' ? '/' : path.slice(0, path.lastIndexOf('/')) || '/'],
        ] as const) {
          try {
            entries.push(await entry(n, p, await fs.stat(p)));
          } catch {
            /* unreadable parent: leave it out */
          }
        }
      }
      for (const n of shown) {
        const p = `${path === '/' ? '' : path}/${n}`;
        try {
          entries.push(await entry(n, p, await fs.lstat(p)));
        } catch (err) {
          stderr += `ls: cannot access '${p}': ${errText(err)}\n`;
          exitCode = 1;
        }
      }
      const dots = entries.filter((e) => e.name === '.' || e.name === '..');
      const rest = sortEntries(entries.filter((e) => e.name !== '.' && e.name !== '..'));
      const out = render(flags.has('r') ? [...rest, ...dots.reverse()] : [...dots, ...rest], true);
      if (flags.has('R')) {
        for (const e of rest) {
          if (e.kind !== 'dir') continue;
          const sub = `${label === null ? path : label}/${e.name}`.replace(/^\/\//, '/');
          out.push('', `${sub}:`, ...(await listDir(e.path, sub)));
        }
      }
      return out;
    };

    const targets = operands.length ? operands : ['.'];
    const files: Entry[] = [];
    const dirs: { label: string; path: string }[] = [];
    for (const op of targets) {
      const path = resolve(op);
      let st: Stat;
      try {
        st = await fs.lstat(path);
      } catch (err) {
        stderr += `ls: cannot access '${op}': ${errText(err)}\n`;
        exitCode = 2;
        continue;
      }
      const e = await entry(op, path, st);
      const isDir = e.kind === 'dir' || (e.kind === 'symlink' && e.toDir && !long);
      if (isDir && !flags.has('d')) dirs.push({ label: op, path });
      else files.push(e);
    }
    const blocks: string[] = [];
    if (files.length) blocks.push(render(sortEntries(files), false).join('\n'));
    const header = targets.length > 1 || flags.has('R');
    for (const d of dirs) {
      const lines = await listDir(d.path, d.label);
      blocks.push([...(header ? [`${d.label}:`] : []), ...lines].join('\n'));
    }
    stdout = blocks.filter((b) => b !== '').join('\n\n');
    if (stdout) stdout += '\n';
    return { stdout, stderr, exitCode };
  });
}
