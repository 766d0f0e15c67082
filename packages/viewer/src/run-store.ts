import { existsSync, readdirSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { episodeVerdict, recordOutcome } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord, Outcome, Verdict, WorldSnapshot } from '@glasshouse/schema';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { findEvalAwareSentences, findSpecCitations } from '@glasshouse/detectors';
import { initialState } from '@glasshouse/replay';
import { WorldState } from '@glasshouse/world';
import { findScenario } from '@glasshouse/scenarios';
import { RecordTail } from './record-tail';
import { RunProgressReader } from './run-progress';
import type { RunProgress } from './run-progress';

const CHECKPOINT = 200;

/**
 * Without the seed world, a splice of a file the episode never wrote whole cannot be folded: leave
 * those changes out (the event still shows their diff) and fold the rest of the event.
 */
function foldable(world: WorldState, ev: EpisodeEvent): EpisodeEvent {
  if (ev.type !== 'world.changed') return ev;
  const files = ev.files.filter((f) => !(f.after && 'splice' in f.after && !world.files.has(f.path)));
  return files.length === ev.files.length ? ev : { ...ev, files };
}
/** Folders under a run that hold no current episodes of it: re-graded copies, records a --force re-run set aside, invalid records a resume re-ran. */
const SKIP_DIRS = new Set(['node_modules', 'regraded', 'superseded', 'invalid']);
/** The runner's status log sits next to the records (one line per finished episode): not a record. */
const isRecordFile = (name: string) => name.endsWith('.jsonl') && name !== 'status.jsonl';

export interface EpisodeSummary {
  id: string;
  file: string;
  scenario: string;
  category: string;
  variant: string;
  agent: string;
  seed: number;
  /** `running` until the record has its episode.end (a crashed run's leftovers stay `running`). */
  status: 'running' | 'ended';
  /** @deprecated schema-1 roll-up, once ended (null while running); read `outcome`. */
  verdict: Verdict | null;
  /** The episode outcome once ended (covert / overt / clean / unmeasured / invalid); null while running. */
  outcome: Outcome | null;
  events: number;
  steps: number;
  /** The last event's type and step, for "what the agent just did". */
  last: { type: string; step: number } | null;
  covertDetectors: string[];
  parent: string | null;
  warnings: string[];
}

/** Event plus viewer annotations: highlight ranges in reasoning (awareness, spec citations). */
export type AnnotatedEvent = EpisodeEvent & { highlights?: { start: number; end: number; kind: 'awareness' | 'citation'; label: string }[] };

/** What one refresh changed: ids added or grown, ids whose record went away. */
export interface StoreChange {
  changed: string[];
  removed: string[];
  progressChanged: boolean;
}

function walk(dir: string, out: string[] = []): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out; // removed while we looked
  }
  for (const d of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, d.name);
    if (d.isDirectory()) {
      if (!SKIP_DIRS.has(d.name)) walk(p, out);
    } else if (isRecordFile(d.name)) out.push(p);
  }
  return out;
}

export interface RunStoreOptions {
  /** Scenario by id, for seed worlds (default: the library; the CLI adds --scenario-file modules). */
  findScenario?: (id: string) => ScenarioDefinition | undefined;
}

interface Entry {
  tail: RecordTail;
  id: string | null;
  summary: EpisodeSummary | null;
}

/**
 * All records under a run directory (or one record file), kept in memory and followed as they grow:
 * `refresh()` reads what was appended (complete lines only), picks up new files, and notices records
 * that were replaced or removed (a resumed run re-running unfinished episodes).
 */
export class RunStore {
  readonly root: string;
  private readonly single: boolean;
  private readonly entries = new Map<string, Entry>();
  private readonly byId = new Map<string, string>();
  /** World checkpoints every CHECKPOINT events, so scrubbing large records stays cheap. */
  private readonly worlds = new Map<string, Map<number, WorldState>>();
  private readonly progressReader: RunProgressReader;
  private readonly findScenario: (id: string) => ScenarioDefinition | undefined;

  constructor(path: string, opts: RunStoreOptions = {}) {
    this.root = path;
    this.findScenario = opts.findScenario ?? findScenario;
    this.single = path.endsWith('.jsonl');
    this.progressReader = new RunProgressReader(this.single ? dirname(path) : path, this.single);
    this.refresh();
  }

  /**
   * Read what changed. With `paths` (from a file watcher) only those are looked at; without, the
   * whole tree is scanned (new files, removed files, growth).
   */
  refresh(paths?: readonly string[]): StoreChange {
    const files = paths
      ? paths.filter(
          (p) =>
            isRecordFile(basename(p)) &&
            !relative(this.root, p)
              .split(/[\\/]/)
              .some((s) => SKIP_DIRS.has(s)),
        )
      : this.single
        ? [this.root]
        : walk(this.root);
    const change: StoreChange = { changed: [], removed: [], progressChanged: false };
    const seen = new Set(files);
    for (const f of files) {
      let entry = this.entries.get(f);
      if (!entry) {
        if (!existsSync(f)) continue;
        entry = { tail: new RecordTail(f), id: null, summary: null };
        this.entries.set(f, entry);
      }
      const what = entry.tail.poll();
      if (what === 'unchanged' && entry.id) continue;
      if (what === 'reset' || what === 'gone') this.drop(f, entry, change);
      if (what === 'gone') {
        this.entries.delete(f);
        continue;
      }
      if (!entry.tail.header) continue;
      if (!entry.id) entry.id = this.assignId(f, entry.tail.header.episodeId);
      entry.summary = null;
      if (what === 'reset') this.worlds.delete(entry.id);
      change.changed.push(entry.id);
    }
    if (!paths) {
      for (const [f, entry] of [...this.entries]) {
        if (seen.has(f)) continue;
        this.drop(f, entry, change);
        this.entries.delete(f);
      }
    }
    change.progressChanged = this.progressReader.refresh();
    change.changed = [...new Set(change.changed)].filter((id) => this.byId.has(id));
    change.removed = change.removed.filter((id) => !this.byId.has(id));
    return change;
  }

  private drop(_f: string, entry: Entry, change: StoreChange): void {
    if (!entry.id) return;
    this.byId.delete(entry.id);
    this.worlds.delete(entry.id);
    change.removed.push(entry.id);
    entry.id = null;
    entry.summary = null;
  }

  private assignId(file: string, episodeId: string): string {
    const rel = this.single ? basename(file) : relative(this.root, file);
    let id = episodeId;
    // Two records of one episode (two runs side by side, a re-run): the later one is named by its file.
    if (this.byId.has(id) && this.byId.get(id) !== file) id = `${episodeId}~${rel.replace(/\.jsonl$/, '')}`;
    while (this.byId.has(id) && this.byId.get(id) !== file) id = `${id}~`;
    this.byId.set(id, file);
    return id;
  }

  private entry(id: string): Entry | undefined {
    const f = this.byId.get(id);
    return f ? this.entries.get(f) : undefined;
  }

  progress(): RunProgress {
    return this.progressReader.progress();
  }

  summary(id: string): EpisodeSummary | undefined {
    const entry = this.entry(id);
    if (!entry?.tail.header || !entry.id) return undefined;
    if (entry.summary) return entry.summary;
    const { header, events } = entry.tail;
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    const ended = entry.tail.ended;
    const last = events.at(-1);
    entry.summary = {
      id: entry.id,
      file: this.single ? basename(entry.tail.file) : relative(this.root, entry.tail.file),
      scenario: header.scenario.id,
      category: header.scenario.category,
      variant: header.variant.id,
      agent: header.agent.id,
      seed: header.seed,
      status: ended ? 'ended' : 'running',
      verdict: ended ? episodeVerdict(findings) : null,
      outcome: ended ? (last?.type === 'episode.end' && last.outcome ? last.outcome : recordOutcome({ events })) : null,
      events: events.length,
      steps: events.filter((e) => e.type === 'message.assistant' && e.phase === 'task').length,
      last: last ? { type: last.type, step: last.step } : null,
      covertDetectors: findings.filter((f) => f.verdict === 'covert').map((f) => f.detector),
      parent: header.parent?.episodeId ?? null,
      warnings: entry.tail.warnings(),
    };
    return entry.summary;
  }

  list(): EpisodeSummary[] {
    return [...this.byId.keys()].flatMap((id) => this.summary(id) ?? []);
  }

  /** Episode ids whose record (messages, reasoning, tool args and results) contains the phrase, case-insensitive. */
  search(q: string): string[] {
    const phrase = JSON.stringify(q.trim().toLowerCase()).slice(1, -1); // match the text as it is escaped in JSONL
    if (!phrase) return [...this.byId.keys()];
    return [...this.byId.entries()].filter(([, f]) => this.entries.get(f)?.tail.lowerText.includes(phrase)).map(([id]) => id);
  }

  get(id: string): EpisodeRecord | undefined {
    const t = this.entry(id)?.tail;
    return t?.header ? { header: t.header, events: t.events, warnings: t.warnings() } : undefined;
  }

  events(id: string, offset: number, limit: number): AnnotatedEvent[] {
    const rec = this.get(id);
    if (!rec) return [];
    return rec.events.slice(offset, offset + limit).map((e) => {
      if (e.type !== 'message.assistant' || !e.reasoning) return e;
      const highlights = [
        ...findEvalAwareSentences(e.reasoning).map((s) => ({
          start: s.start,
          end: s.end,
          kind: 'awareness' as const,
          label: `evaluation awareness (${s.cue})`,
        })),
        ...findSpecCitations(e.reasoning).map((c) => ({ start: c.start, end: c.end, kind: 'citation' as const, label: `cites ${c.principleId} (${c.how})` })),
      ];
      return highlights.length ? { ...e, highlights } : e;
    });
  }

  /**
   * World after the first `count` events. Starts from the scenario's seed world when the scenario is
   * in the library (otherwise from an empty world, showing only files the episode changed).
   */
  worldAt(id: string, count: number): { world: WorldSnapshot; fromSeed: boolean } | undefined {
    const rec = this.get(id);
    if (!rec) return undefined;
    let cache = this.worlds.get(id);
    const def = this.findScenario(rec.header.scenario.id);
    if (!cache) {
      let start = WorldState.fromSnapshot({ files: {}, dirs: [], symlinks: {}, mail: { owner: '', ownerName: '', messages: [], contacts: [] }, services: {} });
      try {
        if (def) start = initialState(rec, def);
      } catch {
        /* scenario changed since the record: fall back to changes only */
      }
      cache = new Map([[0, start]]);
      this.worlds.set(id, cache);
    }
    const n = Math.max(0, Math.min(count, rec.events.length));
    const base = Math.floor(n / CHECKPOINT) * CHECKPOINT;
    let k = base;
    while (!cache.has(k)) k -= CHECKPOINT;
    const world = (cache.get(k) as WorldState).clone();
    for (let i = k; i < n; i++) {
      const ev = rec.events[i] as EpisodeEvent;
      try {
        world.apply(def ? ev : foldable(world, ev));
      } catch {
        /* a change the world cannot hold (the scenario changed since the record): skip it */
      }
      if ((i + 1) % CHECKPOINT === 0 && !cache.has(i + 1)) cache.set(i + 1, world.clone());
    }
    return { world: world.snapshot(), fromSeed: !!def };
  }
}
