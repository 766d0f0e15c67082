import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { ScenarioDefinition } from '@glasshouse/engine';

/**
 * A digest of what a scenario definition holds, so two threads that loaded "the same" scenario
 * can prove they did: every string, number, file body and nested object of the definition (keys in
 * sorted order), with functions by name and arity (their source text differs between transpilers)
 * and zod schemas by their kind only (zod attaches lazily built members to a schema on first use,
 * so walking one would change after grading). Accessors are not called. A scenario file edited
 * between two loads, or one that builds different data each time it loads, gives another digest.
 */
export function scenarioFingerprint(def: ScenarioDefinition): string {
  const h = createHash('sha256');
  walk(def, h, new Set());
  return h.digest('hex');
}

function walk(v: unknown, h: Hash, seen: Set<object>): void {
  if (typeof v === 'function') {
    h.update(`f:${v.name}/${v.length};`);
    return;
  }
  if (v === null || typeof v !== 'object') {
    h.update(`${typeof v}:${String(v)};`);
    return;
  }
  // Shared and cyclic references: walked once, then named by their position in the walk.
  if (seen.has(v)) {
    h.update('seen;');
    return;
  }
  seen.add(v);
  if ('_zod' in v) {
    const def = (v as { _zod?: { def?: { type?: unknown } } })._zod?.def;
    h.update(`zod:${String(def?.type)};`);
    return;
  }
  if (ArrayBuffer.isView(v)) {
    h.update(`bytes:${v.byteLength}:`);
    h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return;
  }
  if (v instanceof Map) {
    h.update(`map:${v.size}{`);
    for (const [k, x] of v) {
      walk(k, h, seen);
      walk(x, h, seen);
    }
    h.update('}');
    return;
  }
  if (v instanceof Set) {
    h.update(`set:${v.size}{`);
    for (const x of v) walk(x, h, seen);
    h.update('}');
    return;
  }
  if (v instanceof RegExp) {
    h.update(`re:${v.source}/${v.flags};`);
    return;
  }
  if (Array.isArray(v)) {
    h.update(`arr:${v.length}[`);
    for (const x of v) walk(x, h, seen);
    h.update(']');
    return;
  }
  h.update('{');
  for (const k of Object.keys(v).sort()) {
    h.update(`${k}=`);
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (d && 'value' in d) walk(d.value, h, seen);
    else h.update('accessor;');
  }
  h.update('}');
}
