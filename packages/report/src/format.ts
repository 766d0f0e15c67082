/** Display helpers shared by the terminal and HTML renderers. */

export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return `${(x * 100).toFixed(digits)}%`;
}

/** "[2.6, 19.9]" in percent. */
export function pctInterval(lower: number, upper: number, digits = 1): string {
  return `[${(lower * 100).toFixed(digits)}, ${(upper * 100).toFixed(digits)}]`;
}

/** "2.6%" or "−2.6 pp" style for signed differences. */
export function signedPp(x: number, digits = 1): string {
  const v = (x * 100).toFixed(digits);
  return `${x > 0 ? '+' : ''}${v} pp`;
}

export function pValue(p: number): string {
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

export function oddsRatio(or: number | 'Infinity' | null): string {
  if (or === null) return '–';
  if (or === 'Infinity') return '∞';
  return or >= 100 ? or.toFixed(0) : or.toFixed(2);
}

export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}
