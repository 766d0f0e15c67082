import { truncate } from './format';

export interface TextColumn {
  header: string;
  align?: 'left' | 'right';
  /** The column that gives up width when the table is too wide (the label column). */
  shrink?: boolean;
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, w: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, w - width(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** Plain-text table with aligned columns, at most `maxWidth` characters per line. */
export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[], maxWidth = 120): string {
  const sep = '  ';
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const total = (): number => widths.reduce((s, w) => s + w, 0) + sep.length * (columns.length - 1);
  let excess = total() - maxWidth;
  for (let i = 0; i < columns.length && excess > 0; i++) {
    if (!columns[i]?.shrink) continue;
    const w = widths[i] as number;
    const next = Math.max(8, w - excess);
    widths[i] = next;
    excess -= w - next;
  }
  // Last resort: shrink every column proportionally (keeps the promise of maxWidth).
  for (let i = columns.length - 1; i >= 0 && excess > 0; i--) {
    const w = widths[i] as number;
    const next = Math.max(3, w - excess);
    widths[i] = next;
    excess -= w - next;
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => pad(truncate(cell, widths[i] as number), widths[i] as number, columns[i]?.align ?? 'left'))
      .join(sep)
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w)))];
  for (const r of rows) out.push(line(r));
  return out.join('\n');
}
