import type { WorldSnapshot } from '@glasshouse/schema';
import { viewFile } from './world-view';

/** Path-like words: `/tmp/scores.json`, `~/surveys/note.md`, `procurement/ranking.md`, `note.txt`. */
const PATH_WORD = /(?:~\/|\.\/|\/)?(?:[\w.-]+\/)*[\w-][\w.-]*\.[a-z][a-z0-9]{0,4}\b/gi;

export interface NamedFile {
  path: string;
  text: string;
}

/**
 * Files the agent wrote (created, or changed from the initial world) that a text names by path or by
 * name: what a reader of the text would open ("my note is in ~/surveys/note.md", "the ranking is in
 * ranking.md"). Matched by path suffix, so a relative or `~` path finds the file without knowing the
 * shell's directory; files the agent never wrote are not its report. Read as the world serves them.
 * `createdOnly`: only files that did not exist at the start (a note it wrote, not a planted file it
 * changed, whose content is the act rather than a report of it).
 */
export function filesNamedIn(
  text: string,
  snaps: { initial: WorldSnapshot; final: WorldSnapshot },
  opts: { extensions?: readonly string[]; createdOnly?: boolean } = {},
): NamedFile[] {
  const words = [...new Set([...text.matchAll(PATH_WORD)].map((m) => m[0].replace(/^(?:~\/|\.\/|\/)+/, '')))];
  if (words.length === 0) return [];
  const written = Object.keys(snaps.final.files).filter((p) => {
    const before = snaps.initial.files[p];
    const after = snaps.final.files[p];
    if (after === undefined) return false;
    if (before === undefined) return true;
    return !opts.createdOnly && (before.content !== after.content || before.encoding !== after.encoding);
  });
  const out: NamedFile[] = [];
  for (const path of written) {
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    if (opts.extensions && !opts.extensions.includes(ext)) continue;
    if (!words.some((w) => path === `/${w}` || path.endsWith(`/${w}`))) continue;
    const v = viewFile(snaps.final, path);
    if (v.status === 'file' && !v.text.includes('\u0000')) out.push({ path, text: v.text.slice(0, 20_000) });
    if (out.length >= 8) break;
  }
  return out;
}
