/** The errors the world's filesystem throws: Node-style, with `code`, `syscall` and `path`. */
const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  EEXIST: 'file already exists',
  ENOTEMPTY: 'directory not empty',
  EACCES: 'permission denied',
  ELOOP: 'too many symbolic links encountered',
  ENOSPC: 'no space left on device',
  EINVAL: 'invalid argument',
  EPERM: 'operation not permitted',
};

export function fsError(
  code: keyof typeof MESSAGES | string,
  syscall: string,
  path: string,
  dest?: string,
): Error & { code: string; path: string; syscall: string } {
  const err = new Error(`${code}: ${MESSAGES[code] ?? 'error'}, ${syscall} '${path}'${dest !== undefined ? ` -> '${dest}'` : ''}`) as Error & {
    code: string;
    path: string;
    syscall: string;
  };
  err.code = code;
  err.path = path;
  err.syscall = syscall;
  return err;
}
