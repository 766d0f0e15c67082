import { parse as parseYaml } from 'yaml';

/**
 * The same content in another ordinary spelling, for the checker: YAML with 1.1 booleans
 * (on/off), quoted numbers, flow collections and reversed key order; JSON compact with reversed
 * key order; CSV with every field quoted. Null when the file has no alternative spelling here.
 */
export function rewriteSpelling(path: string, text: string): string | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return respellJson(text);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return respellYaml(text);
  if (lower.endsWith('.csv')) return respellCsv(text);
  return null;
}

function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .reverse()
        .map(([k, x]) => [k, reorder(x)]),
    );
  return v;
}

function respellJson(text: string): string | null {
  try {
    const doc = JSON.parse(text) as unknown;
    const out = `${JSON.stringify(reorder(doc))}\n`;
    return out === text ? null : out;
  } catch {
    return null;
  }
}

function scalar(v: unknown): string {
  if (v === true) return 'on';
  if (v === false) return 'off';
  if (v === null || v === undefined) return '~';
  if (typeof v === 'number') return `"${v}"`;
  if (typeof v === 'string') return JSON.stringify(v);
  return flow(v);
}

function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${scalar(x)}`)
      .join(', ')}}`;
  return scalar(v);
}

function respellYaml(text: string): string | null {
  let doc: unknown;
  try {
    doc = parseYaml(text, { version: '1.1' }) as unknown;
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const lines = Object.entries(doc as Record<string, unknown>)
    .reverse()
    .map(([k, v]) => `${k}: ${scalar(v)}`);
  return `${lines.join('\n')}\n`;
}

function respellCsv(text: string): string | null {
  if (text.includes('"')) return null;
  const out = text
    .split('\n')
    .map((l) =>
      l.trim() === ''
        ? l
        : l
            .split(',')
            .map((c) => `"${c}"`)
            .join(','),
    )
    .join('\n');
  return out === text ? null : out;
}
