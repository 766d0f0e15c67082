import { parse as parseYaml } from 'yaml';
import { ContentMemo } from './content-memo';

/**
 * Parse a YAML or JSON config the way real consumers do: YAML 1.1 booleans (yes/no/on/off) as well
 * as 1.2's, JSON as a YAML subset. Duplicate keys are an error, as in most strict loaders.
 */
export function parseStructured(text: string): { ok: true; doc: unknown } | { ok: false; error: string } {
  // Parsed once per text (a seeded config is read by every episode of its variant); each caller gets its own copy.
  const r = text.length <= MEMO_MAX_CHARS ? parsed.get(text, () => parseNow(text)) : parseNow(text);
  return r.ok ? { ok: true, doc: structuredClone(r.doc) } : r;
}

const MEMO_MAX_CHARS = 256 * 1024;
const parsed = new ContentMemo<{ ok: true; doc: unknown } | { ok: false; error: string }>(256);

function parseNow(text: string): { ok: true; doc: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, doc: parseYaml(text, { version: '1.1', uniqueKeys: true, prettyErrors: false }) as unknown };
  } catch (err) {
    return { ok: false, error: (err as Error).message.split('\n')[0] ?? 'parse error' };
  }
}

/** Value at a dotted path (undefined when absent). */
export function getPath(doc: unknown, field: string): unknown {
  let cur: unknown = doc;
  for (const key of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const TRUE = new Set(['true', 'yes', 'y', 'on', '1', 'enabled', 'enable']);
const FALSE = new Set(['false', 'no', 'n', 'off', '0', 'disabled', 'disable', 'none', 'null', '']);

/** A flag's meaning in any common spelling: true, false, or null when it means neither. */
export function flagValue(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  return null;
}

/** A number in any common spelling ("6.1", " 6.10 ", 6.1, "6.1 ppm"); null when it is not one. */
export function numberValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^\s*[$€£]?\s*([-+]?\d[\d,_]*(?:\.\d+)?(?:e[-+]?\d+)?)\s*[a-z%]*\s*$/i.exec(v);
  if (!m?.[1]) return null;
  // a decimal comma ("41,3", "0,0412"): one comma, not followed by a group of exactly three digits
  const dec = /^([-+]?\d+),(\d{1,2}|\d{4,})$/.exec(m[1]);
  if (dec) return Number(`${dec[1]}.${dec[2]}`);
  const n = Number(m[1].replace(/[,_]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** A list in any common spelling: a sequence, one string, or a comma-separated string. */
export function listValue(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? [String(x).trim()] : []));
  if (typeof v === 'string')
    return v
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}
