import { addUsage, recordOutcome, ZERO_USAGE } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord } from '@glasshouse/schema';
import { RUN_OUTCOMES } from './run-events';
import type { OutcomeCounts, RunEvent, RunEventOf, RunOutcome, RunUsage } from './run-events';

export interface EpisodeRef {
  key: string;
  scenario: string;
  variant: string;
  agent: string;
  epoch: number;
  seed: number;
  record: string;
}

export type FinishedSummary = Omit<RunEventOf<'episode.finished'>, 'type' | keyof EpisodeRef>;

export interface RunBudget {
  maxTokens?: number | undefined;
  maxCostUsd?: number | undefined;
}

/** The outcome an episode is counted under: the one its end event records, else computed from the record. */
export function recordRunOutcome(record: Pick<EpisodeRecord, 'events'>): RunOutcome {
  const end = record.events.at(-1);
  return end?.type === 'episode.end' && end.outcome ? end.outcome : recordOutcome(record);
}

/** What `episode.finished` says about a finished record: outcome, end, usage, first fatal error. */
export function summarizeFinished(record: Pick<EpisodeRecord, 'header' | 'events'>): FinishedSummary {
  const end = record.events.findLast((e): e is Extract<EpisodeEvent, { type: 'episode.end' }> => e.type === 'episode.end');
  const fatal = record.events.find((e): e is Extract<EpisodeEvent, { type: 'error' }> => e.type === 'error' && e.fatal);
  const usage: RunUsage = addUsage(ZERO_USAGE, end?.usage ?? ZERO_USAGE);
  return {
    episodeId: record.header.episodeId,
    outcome: recordRunOutcome(record),
    reason: end?.reason ?? 'unfinished',
    steps: end?.steps ?? 0,
    events: record.events.length,
    usage,
    covertDetectors: record.events.flatMap((e) =>
      e.type === 'finding' && e.finding.verdict === 'covert' && (e.finding.kind === 'covert-action' || e.finding.kind === 'interview')
        ? [e.finding.detector]
        : [],
    ),
    ...(end?.fault ? { error: { ...end.fault } } : fatal ? { error: { code: fatal.code, message: fatal.message } } : {}),
  };
}

const WARN_AT = 0.8;

/**
 * The run's counters and the events they produce. Pure: the local runner, the queue coordinator and
 * the replay of a run folder feed it the same facts and get the same events. `stopped` is set once
 * the budget is used up; callers stop scheduling then.
 */
export class RunTally {
  readonly total: number;
  private readonly budget: RunBudget | undefined;
  private done = 0;
  private failed = 0;
  private running = 0;
  private resumed = 0;
  private ran = 0;
  private readonly outcomes: OutcomeCounts = Object.fromEntries(RUN_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  private usage: RunUsage = ZERO_USAGE;
  private readonly warned = new Set<string>();
  private stopReason: string | null = null;

  constructor(total: number, budget?: RunBudget) {
    this.total = total;
    this.budget = budget;
  }

  get stopped(): string | null {
    return this.stopReason;
  }

  /** A finished record kept from an earlier session of a resumed run (before `start`). */
  resume(outcome: RunOutcome, usage: RunUsage): void {
    this.resumed++;
    this.done++;
    this.count(outcome, usage);
  }

  /** The run begins with `pending` episodes to run (a resumed run with none left is not stopped by its budget). */
  start(pending: number): RunEvent[] {
    return [{ type: 'run.started', ...this.counts(), resumed: this.resumed }, ...(pending > 0 ? this.budgetEvents() : [])];
  }

  episodeStarted(ref: EpisodeRef): RunEvent[] {
    this.running++;
    return [{ type: 'episode.started', ...ref }];
  }

  episodeRecord(key: string, event: EpisodeEvent): RunEvent {
    return { type: 'episode.record', key, event };
  }

  episodeFinished(ref: EpisodeRef, summary: FinishedSummary): RunEvent[] {
    this.running = Math.max(0, this.running - 1);
    this.done++;
    this.ran++;
    this.count(summary.outcome, summary.usage);
    return [{ type: 'episode.finished', ...ref, ...summary }, { type: 'run.progress', ...this.counts() }, ...this.budgetEvents()];
  }

  episodeFailed(ref: EpisodeRef, error: { code: string; message: string }): RunEvent[] {
    this.running = Math.max(0, this.running - 1);
    this.done++;
    this.failed++;
    return [
      { type: 'episode.failed', ...ref, error },
      { type: 'run.progress', ...this.counts() },
    ];
  }

  finish(skipped: number): RunEvent {
    return { type: 'run.finished', ...this.counts(skipped), ran: this.ran, stopped: this.stopReason };
  }

  private count(outcome: RunOutcome, u: RunUsage): void {
    this.outcomes[outcome]++;
    this.usage = addUsage(this.usage, u);
  }

  private counts(skipped = 0): Omit<RunEventOf<'run.progress'>, 'type'> {
    return {
      done: this.done,
      total: this.total,
      running: this.running,
      failed: this.failed,
      skipped,
      outcomes: { ...this.outcomes },
      usage: { ...this.usage },
    };
  }

  /** Warnings at ≥ 80 % and at 100 % of each budget, once each; 100 % also sets `stopped`. */
  private budgetEvents(): RunEvent[] {
    const b = this.budget;
    if (!b) return [];
    const out: RunEvent[] = [];
    const check = (kind: 'tokens' | 'cost', used: number, limit: number | undefined, fmt: (n: number) => string) => {
      if (limit === undefined) return;
      const reached = used >= limit;
      const tag = `${kind}:${reached ? 'reached' : 'warn'}`;
      if (!reached && used < WARN_AT * limit) return;
      if (this.warned.has(tag)) return;
      this.warned.add(tag);
      const message = reached
        ? `${kind === 'tokens' ? 'token' : 'cost'} budget reached (${fmt(used)} ≥ ${fmt(limit)})`
        : `${Math.floor((used / limit) * 100)}% of the ${kind === 'tokens' ? 'token' : 'cost'} budget used (${fmt(used)} of ${fmt(limit)})`;
      if (reached && !this.stopReason) this.stopReason = message;
      out.push({ type: 'budget.warning', kind, used, limit, reached, message });
    };
    check('tokens', this.usage.inputTokens + this.usage.outputTokens, b.maxTokens, String);
    check('cost', this.usage.costUsd ?? 0, b.maxCostUsd, (n) => `$${n.toFixed(2)}`);
    return out;
  }
}
