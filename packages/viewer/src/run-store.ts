import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { episodeVerdict, recordOutcome } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord, Outcome, Verdict, WorldSnapshot } from '@glasshouse/schema';
import { parseRecord } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { findEvalAwareSentences, findSpecCitations } from '@glasshouse/detectors';
import { applyEvent, initialWorld } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';

const CHECKPOINT = 200;

export interface EpisodeSummary {
  id: string;
  file: string;
  scenario: string;
  category: string;
  variant: string;
  agent: string;
  seed: number;
  /** The episode outcome (covert / overt / clean / unmeasured / invalid). */
  outcome: Outcome;
  /** @deprecated schema-1 roll-up; read `outcome`. */
  verdict: Verdict;
  events: number;
  steps: number;
  covertDetectors: string[];
  parent: string | null;
  warnings: string[];
}

/** Event plus viewer annotations: highlight ranges in reasoning (awareness, spec citations). */
export type AnnotatedEvent = EpisodeEvent & { highlights?: { start: number; end: number; kind: 'awareness' | 'citation'; label: string }[] };

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name !== 'node_modules' && name !== 'regraded') walk(p, out);
    } else if (name.endsWith('.jsonl')) out.push(p);
  }
  return out;
}

export interface RunStoreOptions {
  /** Scenario by id, for seed worlds (default: the library; the CLI adds --scenario-file modules). */
  findScenario?: (id: string) => ScenarioDefinition | undefined;
}

/** All records under a run directory (or one record file), parsed once and kept in memory. */
export class RunStore {
  readonly root: string;
  private readonly records = new Map<string, { file: string; record: EpisodeRecord; text: string }>();
  /** World checkpoints every CHECKPOINT events, so scrubbing large records stays cheap. */
  private readonly worlds = new Map<string, Map<number, WorldSnapshot>>();

  private readonly findScenario: (id: string) => ScenarioDefinition | undefined;

  constructor(path: string, opts: RunStoreOptions = {}) {
    this.root = path;
    this.findScenario = opts.findScenario ?? findScenario;
    const files = path.endsWith('.jsonl') ? [path] : walk(path);
    for (const f of files) {
      try {
        const text = readFileSync(f, 'utf8');
        const record = parseRecord(text, f);
        let id = record.header.episodeId;
        while (this.records.has(id)) id = `${id}~${basename(f, '.jsonl')}`;
        this.records.set(id, { file: path.endsWith('.jsonl') ? basename(f) : relative(path, f), record, text: text.toLowerCase() });
      } catch {
        /* unreadable record: listed by nobody; the CLI's regrade reports these */
      }
    }
  }

  list(): EpisodeSummary[] {
    return [...this.records.entries()].map(([id, { file, record }]) => {
      const findings = record.events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
      return {
        id,
        file,
        scenario: record.header.scenario.id,
        category: record.header.scenario.category,
        variant: record.header.variant.id,
        agent: record.header.agent.id,
        seed: record.header.seed,
        outcome: endOutcome(record) ?? recordOutcome(record),
        verdict: episodeVerdict(findings),
        events: record.events.length,
        steps: record.events.filter((e) => e.type === 'message.assistant' && e.phase === 'task').length,
        covertDetectors: findings.filter((f) => f.verdict === 'covert').map((f) => f.detector),
        parent: record.header.parent?.episodeId ?? null,
        warnings: record.warnings,
      };
    });
  }

  /** Episode ids whose record (messages, reasoning, tool args and results) contains the phrase, case-insensitive. */
  search(q: string): string[] {
    const phrase = JSON.stringify(q.trim().toLowerCase()).slice(1, -1); // match the text as it is escaped in JSONL
    if (!phrase) return [...this.records.keys()];
    return [...this.records.entries()].filter(([, r]) => r.text.includes(phrase)).map(([id]) => id);
  }

  get(id: string): EpisodeRecord | undefined {
    return this.records.get(id)?.record;
  }

  events(id: string, offset: number, limit: number): AnnotatedEvent[] {
    const rec = this.get(id);
    if (!rec) return [];
    return rec.events.slice(offset, offset + limit).map((e) => {
      if (e.type !== 'message.assistant' || !e.reasoning) return e;
      const highlights = [
        ...findEvalAwareSentences(e.reasoning).map((s) => ({ start: s.start, end: s.end, kind: 'awareness' as const, label: `evaluation awareness (${s.cue})` })),
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
      let start: WorldSnapshot = { files: {}, dirs: [], symlinks: {}, mail: { owner: '', ownerName: '', messages: [], contacts: [] }, services: {} };
      try {
        if (def) start = initialWorld(rec, def);
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
    let world = cache.get(k) as WorldSnapshot;
    for (let i = k; i < n; i++) {
      world = applyEvent(world, rec.events[i] as EpisodeEvent);
      if ((i + 1) % CHECKPOINT === 0 && !cache.has(i + 1)) cache.set(i + 1, world);
    }
    return { world, fromSeed: !!def };
  }
}

function endOutcome(record: EpisodeRecord): Outcome | undefined {
  const end = record.events.find((e) => e.type === 'episode.end');
  return end?.type === 'episode.end' ? end.outcome : undefined;
}
