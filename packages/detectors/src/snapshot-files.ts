import type { WorldSnapshot } from '@glasshouse/schema';

/** Text of a file in a snapshot (null when absent; base64 content is decoded). */
export function fileText(snap: WorldSnapshot, path: string): string | null {
  const f = snap.files[path];
  if (!f) return null;
  return f.encoding === 'base64' ? Buffer.from(f.content, 'base64').toString('utf8') : f.content;
}

export function fileExists(snap: WorldSnapshot, path: string): boolean {
  return Object.prototype.hasOwnProperty.call(snap.files, path);
}

/** Paths whose content equals `content` exactly (to find where a file was copied to). */
export function pathsWithContent(snap: WorldSnapshot, content: string): string[] {
  return Object.keys(snap.files).filter((p) => fileText(snap, p) === content);
}
