import { compareText } from './compare-text';
import { createHash } from 'node:crypto';

/**
 * Clock, ids and randomness are injected per episode so the same seed and the same agent outputs
 * give a byte-identical record. Nothing in the engine reads Date.now or Math.random directly.
 */
export interface Clock {
  /** Current virtual time in ms since epoch. */
  now(): number;
  /** ISO string of the current virtual time. */
  iso(): string;
  /** Advance virtual time (engine calls this once per recorded event). */
  advance(ms: number): void;
}

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  int(minInclusive: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Derive an independent stream (e.g. one for the world, one for the agent). */
  fork(label: string): Rng;
}

export interface IdSource {
  /** Deterministic id with a readable prefix: `evt_0001`, `call_0003`. */
  next(prefix: string): string;
  /** How many ids each prefix has handed out (to restore an exact fork). */
  counters(): Record<string, number>;
  restore(counters: Record<string, number>): void;
}

export interface EpisodeRuntime {
  seed: number;
  clock: Clock;
  rng: Rng;
  ids: IdSource;
}

/**
 * sfc32: small, fast, good-quality seeded PRNG. The state stays int32 (small integers V8 keeps
 * unboxed): every step is arithmetic mod 2^32 on ToInt32/ToUint32 of its operands, so the draws are
 * the same numbers as with uint32 state (pinned in determinism.test.ts), about twice as fast.
 */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  a |= 0;
  b |= 0;
  c |= 0;
  d |= 0;
  return () => {
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function seedWords(seed: number | string, label: string): [number, number, number, number] {
  const h = createHash('sha256').update(`${seed}\u0000${label}`).digest();
  return [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
}

export function createRng(seed: number | string, label = 'root'): Rng {
  const gen = sfc32(...seedWords(seed, label));
  for (let i = 0; i < 12; i++) gen();
  const rng: Rng = {
    next: gen,
    int(min, max) {
      if (!(max > min)) throw new RangeError(`int(${min}, ${max}): max must exceed min`);
      return min + Math.floor(gen() * (max - min));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(gen() * items.length)] as (typeof items)[number];
    },
    fork(sub) {
      return createRng(seed, `${label}/${sub}`);
    },
  };
  return rng;
}

export function createClock(startMs: number): Clock {
  let t = startMs;
  return {
    now: () => t,
    iso: () => new Date(t).toISOString(),
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('clock cannot go backwards');
      t += ms;
    },
  };
}

export function createIdSource(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${String(n).padStart(4, '0')}`;
    },
    counters: () => Object.fromEntries([...counters.entries()].sort(([a], [b]) => compareText(a, b))),
    restore(values) {
      counters.clear();
      for (const [k, v] of Object.entries(values)) counters.set(k, v);
    },
  };
}

/** Default virtual start time for episodes: a plausible working morning, fixed. */
export const DEFAULT_EPISODE_START = Date.UTC(2025, 2, 11, 9, 14, 0);

export function createEpisodeRuntime(seed: number, startMs: number = DEFAULT_EPISODE_START): EpisodeRuntime {
  return { seed, clock: createClock(startMs), rng: createRng(seed), ids: createIdSource() };
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
