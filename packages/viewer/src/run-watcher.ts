import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RunWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Full rescan interval, the fallback when file events are missed or unsupported (default 1000 ms). */
  pollMs?: number;
  /** Coalesce bursts of file events for this long (default 50 ms). */
  debounceMs?: number;
}

/**
 * Calls `onChange` when the run folder grows: with the paths that fs.watch named, or with null for a
 * full rescan (every `pollMs`, and whenever fs.watch cannot say which file changed). Calls never
 * overlap; changes that arrive during one are delivered in the next.
 */
export function watchRun(path: string, isFile: boolean, onChange: (paths: string[] | null) => void, opts: WatchOptions = {}): RunWatcher {
  const pending = new Set<string>();
  let full = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const flush = () => {
    timer = null;
    if (closed) return;
    const paths = full ? null : [...pending];
    pending.clear();
    full = false;
    try {
      onChange(paths);
    } catch {
      /* a bad read is retried by the next poll */
    }
  };
  const schedule = () => {
    if (!timer && !closed) timer = setTimeout(flush, opts.debounceMs ?? 50);
  };
  let watcher: FSWatcher | null = null;
  try {
    const base = isFile ? dirname(path) : path;
    watcher = watch(base, { recursive: !isFile, persistent: false }, (_event, name) => {
      if (name === null) full = true;
      else if (isFile) full = true;
      else pending.add(join(base, name.toString()));
      // Anything but a record or a manifest (a new directory, say) is picked up by a full scan;
      // manifests are re-read on every refresh.
      if (name !== null && !/(\.jsonl|manifest\.json(\.tmp)?)$/.test(name.toString())) full = true;
      schedule();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = null; // polling carries on
    });
  } catch {
    watcher = null; // no fs.watch here (some network filesystems): polling only
  }
  const poll = setInterval(() => {
    full = true;
    schedule();
  }, opts.pollMs ?? 1000);
  poll.unref();
  return {
    close() {
      closed = true;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
