import cliProgress from 'cli-progress';

export interface ProgressState {
  done: number;
  total: number;
  covert: number;
  failed: number;
  skipped: number;
  /** Queue backend: jobs waiting and running in the run's provider queues (all runs sharing them). */
  queue?: { waiting: number; running: number };
}

const queueText = (s: ProgressState) => (s.queue ? ` | queue ${s.queue.waiting} waiting, ${s.queue.running} running` : '');

export interface Progress {
  update(s: ProgressState): void;
  stop(): void;
}

/** A progress bar on a TTY (done/total, rate, ETA, covert so far); plain lines every 10% otherwise. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, nowMs: () => number = () => performance.now()): Progress {
  const t0 = nowMs();
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: ' {bar} {value}/{total} episodes | {rate}/s | ETA {eta_formatted} | covert {covert} | failed {failed}{queue}', hideCursor: true, stream },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(s) {
        const rate = (s.done / Math.max(0.001, (nowMs() - t0) / 1000)).toFixed(1);
        if (!started) {
          bar.start(s.total, s.done, { rate, covert: s.covert, failed: s.failed, queue: queueText(s) });
          started = true;
        } else bar.update(s.done, { rate, covert: s.covert, failed: s.failed, queue: queueText(s) });
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(s) {
      const decile = Math.floor((s.done / Math.max(1, s.total)) * 10);
      if (decile === lastDecile && s.done !== s.total) return;
      lastDecile = decile;
      const secs = (nowMs() - t0) / 1000;
      const rate = s.done / Math.max(0.001, secs);
      const eta = rate > 0 ? (s.total - s.done) / rate : 0;
      stream.write(`${s.done}/${s.total} episodes, ${rate.toFixed(1)}/s, ETA ${eta.toFixed(0)} s, covert ${s.covert}, failed ${s.failed}${queueText(s).replace(' |', ',')}\n`);
    },
    stop() {},
  };
}
