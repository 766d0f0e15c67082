import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Regraded } from './regrade';

/** The text of `regraded/<name>.findings.json` (the same wherever the record was graded). */
export function findingsText(r: Regraded): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/**
 * Writes findings files while the next records are graded: at most `max` writes in flight. The
 * first failed write is kept and thrown by the next `write` or by `flush`, so a run never reports
 * a verdict whose file was not written.
 */
export class FindingsWriter {
  private readonly writing = new Set<Promise<void>>();
  private failed: unknown = null;

  constructor(
    private readonly dest: string,
    private readonly max = 64,
  ) {}

  async write(name: string, r: Regraded): Promise<void> {
    while (this.writing.size >= this.max) await Promise.race(this.writing);
    if (this.failed) throw this.failed;
    const w: Promise<void> = writeFile(join(this.dest, `${name}.findings.json`), findingsText(r)).then(
      () => void this.writing.delete(w),
      (err: unknown) => {
        this.writing.delete(w);
        this.failed ??= err;
      },
    );
    this.writing.add(w);
  }

  /** Wait for every write; throw the first failure. */
  async flush(): Promise<void> {
    await Promise.all(this.writing);
    if (this.failed) throw this.failed;
  }
}
