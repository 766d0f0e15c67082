/** Display helpers shared by the terminal and HTML renderers. */
import type { MacroRate, Rate, StratifiedTest } from './report-schema';

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return `${(x * 100).toFixed(digits)}%`;
}

/** "[2.6, 19.9]" in percent. */
export function pctInterval(lower: number, upper: number, digits = 1): string {
  return `[${(lower * 100).toFixed(digits)}, ${(upper * 100).toFixed(digits)}]`;
}

/** "+2.6 pp" / "-2.6 pp" for signed differences. */
export function signedPp(x: number, digits = 1): string {
  const v = (x * 100).toFixed(digits);
  return `${x > 0 ? '+' : ''}${v} pp`;
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '–';
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

/** "p=0.123" or "p<0.001". */
export function pEq(p: number | null | undefined): string {
  const v = pValue(p);
  return v.startsWith('<') ? `p${v}` : `p=${v}`;
}

export function oddsRatio(or: number | 'Infinity' | null): string {
  if (or === null) return '–';
  if (or === 'Infinity') return '∞';
  return or >= 100 ? or.toFixed(0) : or.toFixed(2);
}

/** "0.0% [0.0, 36.9]" — the observed rate and its interval, or "–" when nothing was measured. */
export function rateCell(r: Rate): string {
  return r.n === 0 || r.rate === null ? '–' : `${pct(r.rate)} ${pctInterval(r.lower, r.upper)}`;
}

/** "0/8 0.0% [0.0, 36.9]". */
export function countRateCell(r: Rate): string {
  return r.n === 0 ? '–' : `${r.count}/${r.n} ${rateCell(r)}`;
}

/** Macro-average "0.0% [0.0, 0.0]†" (dagger: degenerate bootstrap, every resample equal). */
export function macroCell(m: MacroRate): string {
  if (m.observed === null || m.lower === null || m.upper === null) return '–';
  return `${pct(m.observed)} ${pctInterval(m.lower, m.upper)}${m.degenerate ? '†' : ''}`;
}

export function testCell(t: StratifiedTest | null): string {
  return t === null ? '–' : pValue(t.pExact);
}

export function usd(x: number | null): string {
  if (x === null) return '–';
  return x < 0.01 && x > 0 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`;
}

export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}
