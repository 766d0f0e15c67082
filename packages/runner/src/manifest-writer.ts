import { writeManifest } from './manifest';
import type { Manifest, ManifestEpisode } from './manifest';
import { StatusLog } from './status-log';

export interface ManifestWriterOptions {
  /**
   * Rewrite the whole manifest at most this often (ms, default 10 s) and only once a twentieth of the
   * run's episodes have finished since the last rewrite, so rewrites cost O(1) per episode amortized.
   * Status lines carry everything in between.
   */
  compactEveryMs?: number;
  nowMs?: () => number;
  /** Wall-clock ISO time for the manifest's metadata. */
  now: () => string;
}

/**
 * The manifest's writes at O(1) per episode: a status line per finished episode, plus a compacted
 * manifest at the start, every `compactEveryMs` and at the end. What is on disk at any moment
 * (manifest + status log) reads back as the run's state.
 */
export class ManifestWriter {
  private readonly log: StatusLog;
  private readonly nowMs: () => number;
  private readonly every: number;
  private last: number;
  private since = 0;
  private readonly minLines: number;

  constructor(
    private readonly out: string,
    private readonly manifest: Manifest,
    private readonly opts: ManifestWriterOptions,
  ) {
    this.nowMs = opts.nowMs ?? (() => performance.now());
    this.every = opts.compactEveryMs ?? 10_000;
    this.minLines = Math.max(1, Math.ceil(manifest.episodes.length / 20));
    this.log = new StatusLog(out);
    // The reset line first: if a kill lands before the manifest is written, the old manifest plus no
    // lines is what reads back, and a resume re-derives everything from the records anyway.
    this.log.append({ reset: opts.now(), stopped: manifest.stopped });
    this.compact();
    this.last = this.nowMs();
  }

  /** Record one finished (or failed or skipped) episode; `m` is the manifest's entry, already updated. */
  episode(m: ManifestEpisode): void {
    this.log.append({
      key: m.key,
      status: m.status === 'pending' ? 'failed' : m.status,
      ...(m.verdict ? { verdict: m.verdict } : {}),
      ...(m.outcome ? { outcome: m.outcome } : {}),
      ...(m.error ? { error: m.error } : {}),
      ...(m.errorCode ? { errorCode: m.errorCode } : {}),
    });
    this.since++;
    if (this.since >= this.minLines && this.nowMs() - this.last >= this.every) this.compact();
  }

  stopped(why: string | null): void {
    if (why === this.manifest.stopped) return;
    this.manifest.stopped = why;
    this.log.append({ stopped: why });
  }

  compact(): void {
    this.manifest.wallClock.lastUpdated = this.opts.now();
    writeManifest(this.out, this.manifest);
    this.last = this.nowMs();
    this.since = 0;
  }

  close(): void {
    this.compact();
    this.log.close();
  }
}
