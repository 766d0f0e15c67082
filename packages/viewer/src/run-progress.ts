import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** The part of a run manifest the viewer reads (the runner owns the full schema). */
const ManifestProgress = z.object({
  stopped: z.string().nullable().optional(),
  episodes: z.array(z.object({ key: z.string(), status: z.string() })),
});
/** A status line the runner appends per finished episode (status.jsonl), or a session reset / stop. */
const StatusLine = z.union([z.object({ key: z.string(), status: z.string() }), z.object({ reset: z.string() }), z.object({ stopped: z.string().nullable() })]);

/** Planned and finished episodes of the run(s) in view, from their manifests and status logs. */
export interface RunProgress {
  /** Manifests found: the run folder's own, or one per run folder directly under the viewed folder. */
  runs: number;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  pending: number;
  stopped: string[];
}

interface RunState {
  manifest: { mtimeMs: number; size: number; data: z.infer<typeof ManifestProgress> | null };
  /** status.jsonl read so far: statuses since the last session reset. */
  log: { offset: number; status: Map<string, string>; stopped: string | null | undefined };
}

/**
 * Follows the viewed run's `manifest.json` and `status.jsonl` (or those of each run folder directly
 * under the viewed folder). The manifest is compacted only now and then; the status log has a line
 * per finished episode, read incrementally (complete lines only).
 */
export class RunProgressReader {
  private readonly dir: string;
  private readonly single: boolean;
  private readonly runs = new Map<string, RunState>();

  constructor(dir: string, single: boolean) {
    this.dir = dir;
    this.single = single;
  }

  private candidates(): string[] {
    const own = join(this.dir, 'manifest.json');
    if (this.single) return [own];
    let subs: string[] = [];
    try {
      subs = readdirSync(this.dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(this.dir, d.name, 'manifest.json'));
    } catch {
      /* not a directory (yet) */
    }
    return [own, ...subs];
  }

  /** Re-read what changed; true when anything did. */
  refresh(): boolean {
    let changed = false;
    const found = new Set<string>();
    for (const p of this.candidates()) {
      let st: Stats;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      found.add(p);
      let run = this.runs.get(p);
      if (!run) {
        run = { manifest: { mtimeMs: -1, size: -1, data: null }, log: { offset: 0, status: new Map(), stopped: undefined } };
        this.runs.set(p, run);
      }
      if (run.manifest.mtimeMs !== st.mtimeMs || run.manifest.size !== st.size) {
        try {
          const r = ManifestProgress.safeParse(JSON.parse(readFileSync(p, 'utf8')));
          if (r.success) run.manifest.data = r.data;
        } catch {
          /* the runner replaces it atomically; a bad read keeps the last good one */
        }
        run.manifest.mtimeMs = st.mtimeMs;
        run.manifest.size = st.size;
        changed = true;
      }
      if (this.readLog(join(dirname(p), 'status.jsonl'), run)) changed = true;
    }
    for (const p of [...this.runs.keys()]) {
      if (found.has(p)) continue;
      this.runs.delete(p);
      changed = true;
    }
    return changed;
  }

  private readLog(path: string, run: RunState): boolean {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return false;
    }
    if (size < run.log.offset) run.log = { offset: 0, status: new Map(), stopped: undefined };
    if (size === run.log.offset) return false;
    const buf = Buffer.alloc(size - run.log.offset);
    const fd = openSync(path, 'r');
    let got = 0;
    try {
      got = readSync(fd, buf, 0, buf.length, run.log.offset);
    } finally {
      closeSync(fd);
    }
    const end = buf.lastIndexOf(0x0a, got - 1);
    if (end < 0) return false; // a line being written
    for (const raw of buf.toString('utf8', 0, end).split('\n')) {
      let line: z.infer<typeof StatusLine>;
      try {
        const r = StatusLine.safeParse(JSON.parse(raw));
        if (!r.success) continue;
        line = r.data;
      } catch {
        continue; // a torn line from a kill
      }
      if ('reset' in line) run.log.status.clear();
      else if ('key' in line) run.log.status.set(line.key, line.status);
      else run.log.stopped = line.stopped;
    }
    run.log.offset += end + 1;
    return true;
  }

  progress(): RunProgress {
    const out: RunProgress = { runs: 0, total: 0, done: 0, failed: 0, skipped: 0, pending: 0, stopped: [] };
    for (const { manifest, log } of this.runs.values()) {
      const data = manifest.data;
      if (!data) continue;
      out.runs++;
      out.total += data.episodes.length;
      for (const e of data.episodes) {
        const status = log.status.get(e.key) ?? e.status;
        if (status === 'done') out.done++;
        else if (status === 'failed') out.failed++;
        else if (status === 'skipped') out.skipped++;
        else out.pending++;
      }
      const stopped = log.stopped !== undefined ? log.stopped : data.stopped;
      if (stopped) out.stopped.push(stopped);
    }
    return out;
  }
}
