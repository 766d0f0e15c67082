import cliProgress from 'cli-progress';
import { RUN_OUTCOMES } from './run-events';
import type { OutcomeCounts, RunEvent, RunUsage } from './run-events';

/** The counters `onProgress` callers get (kept from before run events; see `RunEvent` for more). */
export interface ProgressState {
  done: number;
  total: number;
  covert: number;
  failed: number;
  skipped: number;
}

/** Queue backend: jobs waiting and running in the run's provider queues (all runs sharing them). */
export interface QueueCounts {
  waiting: number;
  running: number;
}

/** A terminal view of a run, fed its run events (and, from a queue backend, queue counts). */
export interface Progress {
  event(e: RunEvent): void;
  queue?(q: QueueCounts): void;
  stop(): void;
}

interface View {
  done: number;
  total: number;
  running: number;
  failed: number;
  outcomes: OutcomeCounts;
  usage: RunUsage;
  lastError: string | null;
  budget: string | null;
  queue: QueueCounts | null;
}

const compact = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `covert 3 · overt 0 · clean 12 · unmeasured 1 · invalid 0` */
export function formatOutcomes(o: OutcomeCounts): string {
  return RUN_OUTCOMES.map((k) => `${k} ${o[k]}`).join(' · ');
}

/** `12.3k tok · $0.42` (cost only when the provider reports it). */
export function formatUsage(u: RunUsage): string {
  return `${compact(u.inputTokens + u.outputTokens)} tok${u.costUsd !== undefined ? ` · $${u.costUsd.toFixed(2)}` : ''}`;
}

function errorText(e: RunEvent): string | null {
  if (e.type === 'episode.failed') return `${e.key}: ${e.error.code}: ${e.error.message}`;
  if (e.type === 'episode.finished' && e.error) return `${e.key}: ${e.error.code}: ${e.error.message}`;
  return null;
}

/**
 * A progress bar on a TTY: done/total, rate, ETA, outcomes as they arrive, tokens and cost, failed
 * count and the last error. Elsewhere, plain lines every 10 % and whenever an error or budget
 * warning arrives, so a broken prompt or a dead endpoint shows after a few episodes.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, nowMs: () => number = () => performance.now()): Progress {
  const t0 = nowMs();
  const v: View = {
    done: 0,
    total: 0,
    running: 0,
    failed: 0,
    outcomes: Object.fromEntries(RUN_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts,
    usage: { inputTokens: 0, outputTokens: 0 },
    lastError: null,
    budget: null,
    queue: null,
  };
  let doneAtStart = 0;
  const rate = () => (v.done - doneAtStart) / Math.max(0.001, (nowMs() - t0) / 1000);
  const absorb = (e: RunEvent): { error: string | null; budget: boolean } => {
    if (e.type === 'run.started' || e.type === 'run.progress' || e.type === 'run.finished') {
      Object.assign(v, { done: e.done, total: e.total, running: e.running, failed: e.failed, outcomes: e.outcomes, usage: e.usage });
      if (e.type === 'run.started') doneAtStart = e.done;
    }
    const error = errorText(e);
    if (error) v.lastError = error;
    if (e.type === 'budget.warning') v.budget = e.message;
    return { error, budget: e.type === 'budget.warning' };
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: ' {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | {outcomes} | failed {failed} | {usage}{queue}{budget}{lastError}',
        hideCursor: true,
        stream,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const payload = () => ({
      rate: rate().toFixed(1),
      outcomes: formatOutcomes(v.outcomes),
      failed: v.failed,
      usage: formatUsage(v.usage),
      queue: v.queue ? ` | queue ${v.queue.waiting} waiting, ${v.queue.running} running` : '',
      budget: v.budget ? ` | ${v.budget}` : '',
      lastError: v.lastError ? ` | last error: ${clip(v.lastError, 80)}` : '',
    });
    return {
      event(e) {
        absorb(e);
        if (!started) {
          if (e.type !== 'run.started') return;
          bar.start(v.total, v.done, payload());
          started = true;
        } else bar.update(v.done, payload());
      },
      queue(q) {
        v.queue = q;
        if (started) bar.update(v.done, payload());
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  const line = () => {
    const r = rate();
    const eta = r > 0 ? (v.total - v.done) / r : 0;
    return `${v.done}/${v.total} episodes, ${r.toFixed(1)}/s, ETA ${eta.toFixed(0)} s | ${formatOutcomes(v.outcomes)} | failed ${v.failed} | ${formatUsage(v.usage)}${v.queue ? ` | queue ${v.queue.waiting} waiting, ${v.queue.running} running` : ''}`;
  };
  return {
    event(e) {
      const { error, budget } = absorb(e);
      if (error) stream.write(`error: ${error}\n`);
      if (budget && e.type === 'budget.warning') stream.write(`budget: ${e.message}\n`);
      if (e.type !== 'run.started' && e.type !== 'run.progress') return;
      const decile = Math.floor((v.done / Math.max(1, v.total)) * 10);
      if (decile === lastDecile && v.done !== v.total) return;
      lastDecile = decile;
      stream.write(`${line()}\n`);
    },
    queue(q) {
      v.queue = q;
    },
    stop() {},
  };
}
