import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { episodeVerdict, GlasshouseError } from '@glasshouse/schema';
import type { RecordHeader, TokenUsage, Verdict } from '@glasshouse/schema';
import { EpisodeEmitter, packageVersions, parseRecord } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { MatrixConfig } from './matrix-config';
import type { ResolvedMatrixConfig } from './matrix-config';
import { planEpisodes } from './episode-plan';
import type { PlannedEpisode } from './episode-plan';
import { readManifest } from './manifest';
import type { Manifest, ManifestEpisode } from './manifest';
import { ManifestWriter } from './manifest-writer';
import { inProcessBackend } from './in-process-backend';
import type { EpisodeBackend, EpisodeOutcome, MakeAgent } from './episode-backend';
import { createProgress } from './progress';
import type { Progress, ProgressState } from './progress';
import type { RunEmitter, RunEvent, RunOutcome } from './run-events';
import { recordRunOutcome, RunTally, summarizeFinished } from './run-tally';
import type { EpisodeRef } from './run-tally';

export interface RunMatrixOptions {
  out: string;
  concurrency?: number;
  /** Build non-scripted agents (model adapters) from their spec strings. */
  makeAgent?: MakeAgent;
  /** Where episodes run: in this process (default) or through a queue (@glasshouse/queue). */
  backend?: EpisodeBackend;
  /** Re-run even when the manifest's config differs. */
  force?: boolean;
  progress?: Progress | false;
  /** Called after every finished (or failed) episode, and once at the start with what is already done. */
  onProgress?: (state: ProgressState, episode?: ManifestEpisode) => void;
  /** Wall-clock source for manifest metadata only. */
  wallClock?: () => Date;
  /** Rewrite the whole manifest at most this often (default 10 s); status lines go to status.jsonl in between. */
  compactEveryMs?: number;
  /**
   * Run events (episode started/finished/failed, every record event, progress, usage, budget
   * warnings): pass an emitter and subscribe before the run starts.
   */
  events?: RunEmitter;
  /** Wait this long before every agent turn (watching a scripted run live; demos and tests). */
  turnDelayMs?: number;
}

export interface RunMatrixResult {
  out: string;
  total: number;
  ran: number;
  skippedDone: number;
  failed: number;
  /** Episodes of this invocation that ended invalid (provider or harness fault): kept in records/, rerun on resume. */
  invalid: number;
  stopped: string | null;
  manifest: Manifest;
}

export interface CompleteRecord {
  verdict: Verdict;
  /** The recorded outcome (schema 2) or, for schema-1 records, computed from findings and errors. */
  outcome: RunOutcome;
  usage: TokenUsage;
  header: RecordHeader;
}

/** Is the record at `path` complete (parses and ends with episode.end)? */
export function recordComplete(path: string): CompleteRecord | null {
  if (!existsSync(path)) return null;
  try {
    const rec = parseRecord(readFileSync(path, 'utf8'), path);
    const end = rec.events.at(-1);
    if (rec.warnings.length || end?.type !== 'episode.end') return null;
    return {
      verdict: episodeVerdict(rec.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []))),
      outcome: recordRunOutcome(rec),
      usage: end.usage,
      header: rec.header,
    };
  } catch {
    return null;
  }
}

/** Does a finished record belong to this planned episode (same scenario, variant, seed, agent, epoch)? */
function recordMatches(h: RecordHeader, p: PlannedEpisode): boolean {
  const cfg = h.agent.config as { spec?: unknown; epoch?: unknown } | undefined;
  return h.scenario.id === p.scenario && h.variant.id === p.variantId && h.seed === p.seed && cfg?.spec === p.agent && cfg?.epoch === p.epoch;
}

function gitRevision(): string | null {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function comparable(c: ResolvedMatrixConfig): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...c, scenarios: c.scenarios.map((s) => (typeof s === 'string' ? s : s.id)) })) as Record<string, unknown>;
}

/** The same id on every resume of the same run (folder, result-shaping config, versions). */
export function runIdOf(out: string, config: Record<string, unknown>, versions: Record<string, string>): string {
  const shaping = Object.fromEntries(Object.entries(config).filter(([k]) => RESULT_FIELDS(k)));
  return createHash('sha256')
    .update(JSON.stringify([resolve(out), shaping, versions]))
    .digest('hex')
    .slice(0, 16);
}

/** Fields that change which episodes exist or what they record. The budget only limits how many run. */
const RESULT_FIELDS = (k: string) => k !== 'budget';

function diffConfig(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter(RESULT_FIELDS)
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])}`);
}

/**
 * Run a matrix of episodes concurrently (in this process, or through `opts.backend`), one JSONL
 * record per episode, a status line per finished episode (status.jsonl) and a manifest compacted
 * atomically at the start, every `compactEveryMs` and at the end. Re-running with the same `out` resumes: finished records are kept
 * untouched, incomplete ones are re-run. A config that differs from the manifest is an error naming
 * the difference; with `force`, finished records that no longer match their planned episode (seed,
 * variant, agent) are moved to `out/superseded/`, never deleted.
 */
export async function runMatrix(input: MatrixConfig, scenarios: readonly ScenarioDefinition[], opts: RunMatrixOptions): Promise<RunMatrixResult> {
  const parsed = MatrixConfig.safeParse(input);
  if (!parsed.success)
    throw new GlasshouseError('CONFIG_INVALID', `run config: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const config = parsed.data;
  const library = [...config.scenarios.filter((s): s is ScenarioDefinition => typeof s !== 'string'), ...scenarios];
  const plan = planEpisodes(config, library);
  const now = () => (opts.wallClock ?? (() => new Date()))().toISOString();
  mkdirSync(join(opts.out, 'records'), { recursive: true });
  const previous = readManifest(opts.out);
  if (previous && !opts.force) {
    const diff = diffConfig(previous.config, comparable(config));
    if (diff.length)
      throw new GlasshouseError('CONFIG_INVALID', `${opts.out} holds a run with a different config (${diff.join('; ')}); use a new --out or --force`);
  }
  const episodes: ManifestEpisode[] = plan.map((p) => ({
    key: p.key,
    scenario: p.scenario,
    variant: p.variantId,
    agent: p.agent,
    epoch: p.epoch,
    seed: p.seed,
    record: `records/${p.key}.jsonl`,
    status: 'pending',
  }));
  const manifest: Manifest = {
    manifestVersion: 1,
    config: comparable(config),
    versions: packageVersions(),
    gitRevision: gitRevision(),
    wallClock: { firstStarted: previous?.wallClock.firstStarted ?? now(), lastUpdated: now() },
    stopped: null,
    episodes,
  };
  let skippedDone = 0;
  const tally = new RunTally(plan.length, config.budget);
  const todo: { p: PlannedEpisode; m: ManifestEpisode }[] = [];
  // Finished records written by another version of their scenario: resuming would mix versions.
  const finishedRecords = plan.map((p, i) => recordComplete(join(opts.out, (episodes[i] as ManifestEpisode).record)));
  const versionOf = new Map(library.map((d) => [d.id, d.version]));
  const stale = new Map<string, { was: string; now: string; n: number }>();
  finishedRecords.forEach((done, i) => {
    const p = plan[i] as PlannedEpisode;
    const now = versionOf.get(p.scenario);
    if (!done || !recordMatches(done.header, p) || now === undefined || done.header.scenario.version === now) return;
    const k = `${p.scenario}@${done.header.scenario.version}`;
    const e = stale.get(k) ?? { was: done.header.scenario.version, now, n: 0 };
    e.n++;
    stale.set(k, e);
  });
  if (stale.size && !opts.force) {
    const what = [...stale.entries()].map(([k, v]) => `${k.slice(0, k.lastIndexOf('@'))} ${v.was} → ${v.now} (${v.n} record(s))`).join('; ');
    throw new GlasshouseError(
      'CONFIG_INVALID',
      `${opts.out}: scenario version changed since its records were written: ${what}; use a new --out, or --force to move those records to superseded/ and rerun them`,
    );
  }
  plan.forEach((p, i) => {
    const m = episodes[i] as ManifestEpisode;
    const path = join(opts.out, m.record);
    const done = finishedRecords[i] ?? null;
    const current = done !== null && done.header.scenario.version === (versionOf.get(p.scenario) ?? done.header.scenario.version);
    if (done && current && recordMatches(done.header, p) && done.outcome !== 'invalid') {
      m.status = 'done';
      m.verdict = done.verdict;
      m.outcome = done.outcome;
      tally.resume(done.outcome, done.usage);
      skippedDone++;
      return;
    }
    if (done) {
      // A finished record of another config (--force), or an invalid one (harness/provider fault,
      // rerun on resume): keep it, out of the way.
      const aside = current && done.outcome === 'invalid' && recordMatches(done.header, p) ? 'invalid' : 'superseded';
      mkdirSync(join(opts.out, aside), { recursive: true });
      let n = 0;
      while (existsSync(join(opts.out, aside, `${p.key}${n ? `.${n}` : ''}.jsonl`))) n++;
      renameSync(path, join(opts.out, aside, `${p.key}${n ? `.${n}` : ''}.jsonl`));
    } else rmSync(path, { force: true }); // unfinished: nothing in it counts
    todo.push({ p, m });
  });
  const writer = new ManifestWriter(opts.out, manifest, { now, ...(opts.compactEveryMs !== undefined ? { compactEveryMs: opts.compactEveryMs } : {}) });

  const state: ProgressState = { done: skippedDone, total: plan.length, covert: episodes.filter((e) => e.outcome === 'covert').length, failed: 0, skipped: 0 };
  const progress = opts.progress === false ? null : (opts.progress ?? createProgress());
  const emit = (events: RunEvent[]) => {
    for (const e of events) {
      progress?.event(e);
      opts.events?.emitRun(e);
    }
  };
  emit(tally.start(todo.length));
  opts.onProgress?.({ ...state });
  let ran = 0;
  let invalid = 0;
  // A resumed run counts what its finished records already used.
  writer.stopped(tally.stopped);
  const byKey = new Map(todo.map((t) => [t.p.key, t]));
  const refOf = ({ p, m }: { p: PlannedEpisode; m: ManifestEpisode }): EpisodeRef => ({
    key: p.key,
    scenario: p.scenario,
    variant: p.variantId,
    agent: p.agent,
    epoch: p.epoch,
    seed: p.seed,
    record: m.record,
  });
  /** Episodes whose record lines were reported as written (the others are reported when they end). */
  const streamed = new Set<string>();

  // Remote backends report starts best effort (late, or not at all): each episode starts once, before it ends.
  const startedKeys = new Set<string>();
  const started = (key: string): void => {
    const t = byKey.get(key);
    if (!t || t.m.status !== 'pending' || startedKeys.has(key)) return;
    startedKeys.add(key);
    emit(tally.episodeStarted(refOf(t)));
  };
  const finished = (key: string, outcome: EpisodeOutcome): void => {
    const t = byKey.get(key);
    if (!t || t.m.status !== 'pending') return; // not this run's, or already booked
    started(key);
    const { m } = t;
    let events: RunEvent[];
    if (outcome.status === 'done') {
      let summary = outcome.summary;
      if (!summary || (opts.events && !streamed.has(key))) {
        // A backend that ran the episode elsewhere: its record file has what the events say.
        const rec = parseRecord(readFileSync(join(opts.out, m.record), 'utf8'), m.record);
        summary ??= summarizeFinished(rec);
        if (opts.events && !streamed.has(key)) emit(rec.events.map((e) => tally.episodeRecord(key, e)));
      }
      m.status = 'done';
      m.verdict = outcome.verdict;
      m.outcome = outcome.outcome;
      if (outcome.outcome === 'covert') state.covert++;
      if (outcome.outcome === 'invalid') invalid++;
      ran++;
      events = tally.episodeFinished(refOf(t), summary);
    } else {
      m.status = 'failed';
      m.error = outcome.error;
      m.errorCode = outcome.code ?? 'INTERNAL';
      state.failed++;
      events = tally.episodeFailed(refOf(t), { code: m.errorCode, message: outcome.error });
    }
    state.done++;
    writer.episode(m);
    writer.stopped(tally.stopped);
    emit(events);
    opts.onProgress?.({ ...state }, { ...m });
  };
  const backend = opts.backend ?? inProcessBackend;
  const versions = manifest.versions;
  try {
    await backend.run({
      out: opts.out,
      runId: runIdOf(opts.out, manifest.config, versions),
      config,
      library,
      todo: todo.map((t) => t.p),
      versions,
      concurrency: Math.max(1, opts.concurrency ?? 2),
      ...(opts.makeAgent ? { makeAgent: opts.makeAgent } : {}),
      stopReason: () => tally.stopped,
      started,
      finished,
      onQueueCounts: (c) => progress?.queue?.({ waiting: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), running: c.active ?? 0 }),
      ...(opts.events
        ? {
            episodeEvents: (key: string) => {
              const em = new EpisodeEmitter();
              streamed.add(key);
              em.on('event', (e) => emit([tally.episodeRecord(key, e)]));
              return em;
            },
          }
        : {}),
      ...(opts.turnDelayMs ? { turnDelayMs: opts.turnDelayMs } : {}),
    });
    let skipped = 0;
    if (tally.stopped) for (const { m } of todo) if (m.status === 'pending') (m.status = 'skipped'), skipped++;
    emit([tally.finish(skipped)]);
  } finally {
    writer.close();
    progress?.stop();
  }
  return { out: opts.out, total: plan.length, ran, skippedDone, failed: state.failed, invalid, stopped: tally.stopped, manifest };
}
