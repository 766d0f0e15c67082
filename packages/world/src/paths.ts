import { GlasshouseError } from '@glasshouse/schema';

/** Normalise an absolute POSIX path (`.`/`..` resolved, no trailing slash). */
export function normalizePath(path: string, cwd = '/'): string {
  if (typeof path !== 'string') throw new GlasshouseError('WORLD_PATH_INVALID', `path must be a string, got ${typeof path}`);
  if (path.includes('\u0000')) throw new GlasshouseError('WORLD_PATH_INVALID', `path contains a NUL byte: ${JSON.stringify(path)}`);
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function isUnder(path: string, dir: string): boolean {
  return dir === '/' ? true : path === dir || path.startsWith(`${dir}/`);
}

/**
 * The one resolver for paths an agent names, used by every tool (file tools, attachments, run_js;
 * the shell expands `~` and relative paths the same way): `~` and `~/x` are under the home
 * directory, relative paths are under the working directory, absolute paths stand.
 */
export function resolveUserPath(path: string, where: { cwd: string; home: string }): string {
  if (typeof path !== 'string') throw new GlasshouseError('WORLD_PATH_INVALID', `path must be a string, got ${typeof path}`);
  if (path === '~') return normalizePath(where.home);
  if (path.startsWith('~/')) return normalizePath(path.slice(2), where.home);
  return normalizePath(path, where.cwd);
}
