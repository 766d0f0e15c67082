import { escapeHtml } from './escape-html';
import { pct, pctInterval, truncate } from './format';

export interface BarValue {
  /** Observed rate count / n, null when nothing was measured. */
  rate: number | null;
  lower: number;
  upper: number;
  /** Shown as "count/n" when given (not for macro-averages). */
  count?: number;
  n?: number;
}

export interface BarRow {
  label: string;
  /** One value per series, same order as `series`. */
  values: readonly BarValue[];
}

export interface BarChartInput {
  title: string;
  series: readonly { name: string; color: string }[];
  rows: readonly BarRow[];
}

const LABEL_W = 230;
const PLOT_W = 440;
const TEXT_W = 200;
const BAR_H = 14;
const GAP = 10;

/** Smallest of 0.05, 0.1, 0.2, 0.25, 0.5, 1 that is ≥ x, so small rates are still readable. */
function niceMax(x: number): number {
  for (const m of [0.05, 0.1, 0.2, 0.25, 0.5, 1]) if (x <= m) return m;
  return 1;
}

function fmt(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/**
 * Horizontal bar chart as inline SVG: a bar per series for the observed rate and a whisker for the
 * credible interval, labelled "count/n rate [lower, upper]". Every string is escaped.
 */
export function svgBarChart(input: BarChartInput): string {
  const { rows, series } = input;
  const rowH = series.length * (BAR_H + 2) + GAP;
  const legendH = series.length > 1 ? 22 : 0;
  const top = 28 + legendH;
  const height = top + rows.length * rowH + 26;
  const width = LABEL_W + PLOT_W + TEXT_W;
  const maxUpper = Math.max(0, ...rows.flatMap((r) => r.values.map((v) => v.upper)));
  const xMax = niceMax(maxUpper);
  const x = (v: number): number => LABEL_W + (Math.min(v, xMax) / xMax) * PLOT_W;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(input.title)}" class="chart" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<text x="0" y="16" font-size="13" font-weight="600" fill="#1f2328">${escapeHtml(input.title)}</text>`,
  );
  if (series.length > 1) {
    let lx = LABEL_W;
    for (const s of series) {
      parts.push(
        `<rect x="${lx}" y="26" width="12" height="12" fill="${escapeHtml(s.color)}"/>`,
        `<text x="${lx + 16}" y="36" font-size="12" fill="#1f2328">${escapeHtml(truncate(s.name, 40))}</text>`,
      );
      lx += 24 + Math.min(40, [...s.name].length) * 7;
    }
  }
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const v = (xMax * i) / ticks;
    const gx = fmt(x(v));
    parts.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + rows.length * rowH}" stroke="#eaeef2"/>`,
      `<text x="${gx}" y="${top + rows.length * rowH + 16}" text-anchor="middle" font-size="11" fill="#57606a">${pct(v, xMax < 0.2 ? 1 : 0)}</text>`,
    );
  }
  rows.forEach((row, r) => {
    const y0 = top + r * rowH;
    parts.push(
      `<text x="${LABEL_W - 8}" y="${fmt(y0 + (series.length * (BAR_H + 2)) / 2 + 4)}" text-anchor="end" font-size="12" fill="#1f2328">` +
        `<title>${escapeHtml(row.label)}</title>${escapeHtml(truncate(row.label, 32))}</text>`,
    );
    row.values.forEach((v, s) => {
      const color = series[s]?.color ?? '#4e79a7';
      const y = y0 + s * (BAR_H + 2);
      const cy = fmt(y + BAR_H / 2);
      if (v.rate === null) {
        parts.push(`<text x="${LABEL_W + 4}" y="${fmt(y + BAR_H - 3)}" font-size="11" fill="#8c959f">no measured episodes</text>`);
        return;
      }
      const w = fmt(x(v.rate) - LABEL_W);
      const lo = fmt(x(v.lower));
      const hi = fmt(x(v.upper));
      const label = `${v.count !== undefined ? `${v.count}/${v.n ?? '?'} ` : ''}${pct(v.rate)} ${pctInterval(v.lower, v.upper)}`;
      parts.push(
        `<g><title>${escapeHtml(`${series[s]?.name ?? ''} ${row.label}: ${label}`.trim())}</title>`,
        `<rect x="${LABEL_W}" y="${y}" width="${w}" height="${BAR_H}" fill="${escapeHtml(color)}" opacity="0.85"/>`,
        `<line x1="${lo}" y1="${cy}" x2="${hi}" y2="${cy}" stroke="#1f2328" stroke-width="1.5"/>`,
        `<line x1="${lo}" y1="${fmt(y + 2)}" x2="${lo}" y2="${fmt(y + BAR_H - 2)}" stroke="#1f2328" stroke-width="1.5"/>`,
        `<line x1="${hi}" y1="${fmt(y + 2)}" x2="${hi}" y2="${fmt(y + BAR_H - 2)}" stroke="#1f2328" stroke-width="1.5"/>`,
        `</g>`,
        `<text x="${LABEL_W + PLOT_W + 8}" y="${fmt(y + BAR_H - 3)}" font-size="11" fill="#57606a">${escapeHtml(label)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
