/** Split text into sentences with their offsets (period/question/exclamation or newline boundaries). */
export function sentences(text: string): { sentence: string; start: number; end: number }[] {
  const out: { sentence: string; start: number; end: number }[] = [];
  const rx = /[^.!?\n]+(?:[.!?]+|\n|$)/g;
  for (const m of text.matchAll(rx)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    if (!s) continue;
    const start = (m.index ?? 0) + lead;
    out.push({ sentence: s, start, end: start + s.length });
  }
  return out;
}
