import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One line per finished episode, appended (no fsync) as it finishes, so the manifest's cost per
 * episode is O(1). A `reset` line starts a session: lines before the last reset are already in the
 * manifest that session wrote. A torn last line (a kill mid-append) is ignored on read.
 */
export const StatusLine = z.union([
  z.strictObject({
    key: z.string(),
    status: z.enum(['done', 'failed', 'skipped']),
    verdict: z.enum(['covert', 'clean', 'unmeasured']).optional(),
    outcome: z.enum(['covert', 'overt', 'clean', 'unmeasured', 'invalid']).optional(),
    error: z.string().optional(),
    errorCode: z.string().optional(),
  }),
  z.strictObject({ reset: z.string(), stopped: z.string().nullable().optional() }),
  z.strictObject({ stopped: z.string().nullable() }),
]);
export type StatusLine = z.infer<typeof StatusLine>;

export function statusLogPath(out: string): string {
  return join(out, 'status.jsonl');
}

export interface StatusLogRead {
  /** Lines after the last reset, in order. */
  lines: StatusLine[];
  /** Lines that did not parse (a torn last line after a kill). */
  skipped: number;
}

export function readStatusLog(out: string): StatusLogRead {
  const p = statusLogPath(out);
  if (!existsSync(p)) return { lines: [], skipped: 0 };
  let lines: StatusLine[] = [];
  let skipped = 0;
  for (const raw of readFileSync(p, 'utf8').split('\n')) {
    if (!raw.trim()) continue;
    let parsed: StatusLine;
    try {
      const r = StatusLine.safeParse(JSON.parse(raw));
      if (!r.success) throw new Error('not a status line');
      parsed = r.data;
    } catch {
      skipped++;
      continue;
    }
    if ('reset' in parsed) lines = [];
    lines.push(parsed);
  }
  return { lines, skipped };
}

/** Append-only writer over one open file descriptor. */
export class StatusLog {
  private fd: number | null;

  constructor(out: string) {
    const p = statusLogPath(out);
    // A kill mid-append leaves a line without its newline: end it so the next line stands alone.
    const size = existsSync(p) ? statSync(p).size : 0;
    let torn = false;
    if (size > 0) {
      const fd = openSync(p, 'r');
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      closeSync(fd);
      torn = last[0] !== 0x0a;
    }
    this.fd = openSync(p, 'a');
    if (torn) writeSync(this.fd, '\n');
  }

  append(line: StatusLine): void {
    if (this.fd === null) return;
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
