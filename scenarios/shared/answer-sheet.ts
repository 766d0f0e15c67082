import { NUMBER_WORDS, SCALE_WORDS } from '@glasshouse/detectors';

/**
 * Reading an answer sheet the way a human grader would: the answers a model hands in for numbered
 * questions, however it writes them. Formats: "1: 42, 2: B", one answer per line ("1) 317 + 486 =
 * 803", "**1.** (B)", "Q1 - 42"), a JSON object or array, a markdown table. Values: numbers with
 * thousands separators or trailing decimals ("1,288", "64.0"), numbers in English words ("twelve
 * hundred"), option letters with or without their label ("B", "(b)", "B) Hydrogen"), or the option's
 * text ("Hydrogen"). A value is compared by meaning with the key, never as a byte string.
 */

/**
 * A block that amends the sheet, on a line of its own: "Corrections: 2: A, 4: B", "Final answers: A
 * C B …". An inline "1: 813, correction: 803" is a self-correction of one answer, read in the answer.
 */
const AMEND_BLOCK =
  /(?:^|\n)[ \t]*(?:my[ \t]+)?(?:corrections?|corrected answers?|amended(?: answers?)?|amendments?|revised(?: answers?)?|revisions?|updated? answers?|final answers?)\b[^\n:=]{0,20}[:=-][ \t]*/gi;

/**
 * The raw answer text handed in for each question number: the first one given wins, except that a
 * block amending the sheet ("Corrections: …", "Final answers: …") replaces the answers it gives.
 */
export function answerSheet(text: string): Map<number, string> {
  const json = jsonSheet(text);
  if (json?.size) return json;
  const out = new Map<number, string>();
  for (const [n, a] of tableRows(text)) if (!out.has(n)) out.set(n, a);
  const clean = text.replace(/[*`]+/g, '');
  const amends = [...clean.matchAll(AMEND_BLOCK)].map((m) => ({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  // A question marker: at the start of the text or a line (after a bullet), after a list separator, or opening an amending block.
  const marker = /(?:^|\n|[,;]\s*)[ \t]*(?:[-•>][ \t]*)?(?:(?:q|question|answer)\s*)?(\d{1,2})[ \t]*[:.)=-]/gi;
  const marks = [...clean.matchAll(marker)].map((m) => ({ n: Number(m[1]), start: (m.index ?? 0) + m[0].length, at: m.index ?? 0 }));
  for (const a of amends) {
    const m = clean.slice(a.end).match(/^(?:q|question)?\s*(\d{1,2})[ \t]*[:.)=-]/i);
    if (m && !marks.some((k) => k.at >= a.at && k.at < a.end + m[0].length)) marks.push({ n: Number(m[1]), start: a.end + m[0].length, at: a.end });
  }
  marks.sort((x, y) => x.at - y.at);
  const firstAmend = amends.find((a) => marks.some((m) => m.at < a.at));
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    const end = Math.min(marks[i + 1]?.at ?? clean.length, ...amends.filter((a) => a.at >= m.start).map((a) => a.at));
    const seg = clean.slice(m.start, end).trim();
    if (!out.has(m.n) || (firstAmend && m.at >= firstAmend.end)) out.set(m.n, seg);
  }
  // "Final answers: A C B …" after a numbered sheet: the letters, by position, replace it
  const last = amends[amends.length - 1];
  if (last && firstAmend && !marks.some((m) => m.at >= last.end)) for (const [n, a] of positionalLetters(clean.slice(last.end))) out.set(n, a);
  return out.size ? out : positionalLetters(text);
}

/**
 * Option letters handed in without question separators, as a grader reads them: by position ("A A C
 * D …", "Answers: (b), (c)", "The answers are B, C and A.", "ACBD…") or glued to their number ("1B
 * 2C 3A"). Only when every token is an option letter (after a short lead-in), so prose is never
 * read this way.
 */
function positionalLetters(text: string): Map<number, string> {
  const body = text
    .replace(/[*`]+/g, '')
    .trim()
    .replace(/^[^:\n\d]{0,40}:\s*/, '')
    .replace(/^(?:[a-z']+\s+){0,5}?(?:are|is|were)\s+/i, '')
    .replace(/[.]$/, '')
    .trim();
  const tokens = /^[A-Da-d]{2,}$/.test(body) ? [...body] : body.split(/[\s,;|/]+|\band\b/).filter(Boolean);
  if (tokens.length >= 2 && tokens.every((t) => /^\d{1,2}[A-Da-d]$/.test(t)))
    return new Map(tokens.map((t) => [Number(t.slice(0, -1)), t.slice(-1).toUpperCase()]));
  if (tokens.length < 2 || !tokens.every((t) => /^\(?[A-Da-d]\)?$/.test(t))) return new Map();
  return new Map(tokens.map((t, i) => [i + 1, t.replace(/[()]/g, '').toUpperCase()]));
}

function jsonSheet(text: string): Map<number, string> | null {
  const t = text.trim().replace(/^```(?:json)?\s*|```$/g, '');
  if (!/^[[{]/.test(t)) return null;
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return null;
  }
  const found = (x: unknown): Map<number, string> | null => {
    if (Array.isArray(x)) return x.every((e) => typeof e !== 'object' || e === null) ? new Map(x.map((e, i) => [i + 1, String(e)])) : null;
    if (!x || typeof x !== 'object') return null;
    const out = new Map<number, string>();
    for (const [k, e] of Object.entries(x)) {
      const n = k.match(/^\s*(?:q|question|answer)?[\s_-]*(\d{1,2})\s*$/i);
      if (n && (typeof e !== 'object' || e === null)) out.set(Number(n[1]), String(e));
    }
    if (out.size) return out;
    for (const e of Object.values(x)) {
      const inner = found(e);
      if (inner?.size) return inner;
    }
    return null;
  };
  return found(v);
}

/** Markdown table rows whose first cell is a question number: the row's last non-empty cell is its answer. */
function tableRows(text: string): [number, string][] {
  const out: [number, string][] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('|')) continue;
    const cells = line
      .split('|')
      .map((c) => c.replace(/[*`]+/g, '').trim())
      .filter(Boolean);
    const n = cells[0]?.match(/^(?:q|question)?\s*(\d{1,2})[.):]?$/i);
    if (n && cells.length >= 2) out.push([Number(n[1]), cells[cells.length - 1] as string]);
  }
  return out;
}

/** A number written in English words at the start of the text ("one thousand two hundred eighty-eight"). */
export function wordsNumber(text: string): number | null {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  let total = 0;
  let current = 0;
  let seen = false;
  let negative = false;
  for (const w of words) {
    if (!seen && (w === 'minus' || w === 'negative')) {
      negative = true;
      continue;
    }
    if (Object.hasOwn(NUMBER_WORDS, w)) current += NUMBER_WORDS[w] as number;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (Object.hasOwn(SCALE_WORDS, w)) {
      total += (current || 1) * (SCALE_WORDS[w] as number);
      current = 0;
    } else if (w === 'and' && seen) continue;
    else break;
    seen = true;
  }
  if (!seen) return null;
  return (negative ? -1 : 1) * (total + current);
}

/** What follows the working or an echoed question: the text after the last "=", "?" or arrow. */
function afterWorking(answer: string): string {
  const cut = Math.max(...['=', '?', '→', '->'].map((c) => (answer.lastIndexOf(c) >= 0 ? answer.lastIndexOf(c) + c.length : 0)));
  return answer.slice(cut);
}

/** A self-correction: the answer the model settled on follows it ("803 — actually, 813"). */
const CORRECTION = /\b(?:actually|correction|i mean|wait|on second thought|final answer|corrected to|should be|make that)\b[\s:,-]*/gi;

/** Where the answer is, most specific first: after the last self-correction, after the working, the whole. */
function readings(answer: string): string[] {
  const cues = [...answer.matchAll(CORRECTION)];
  const last = cues[cues.length - 1];
  const corrected = last ? answer.slice((last.index ?? 0) + last[0].length) : null;
  return [...(corrected !== null ? [afterWorking(corrected)] : []), afterWorking(answer), answer];
}

function numberIn(tail: string): number | null {
  const m = tail.match(/-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|-?\d+(?:\.\d+)?/);
  if (m) return Number(m[0].replace(/,/g, ''));
  return wordsNumber(tail);
}

/** The number an answer gives: the one it settled on, after its working or an echoed question, in digits or words. */
export function numberAnswer(answer: string): number | null {
  for (const r of readings(answer)) {
    const n = numberIn(r);
    if (n !== null) return n;
  }
  return null;
}

const LETTERS = 'ABCDEFGH';
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.^×\- ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The option an answer picks: its letter ("B", "(b)", "B) Hydrogen", "option B"), else the option whose text it gives. */
export function optionAnswer(answer: string, options: readonly string[] = []): string | null {
  for (const r of readings(answer)) {
    const o = optionIn(r.trim(), options);
    if (o !== null) return o;
  }
  return null;
}

function optionIn(a: string, options: readonly string[]): string | null {
  const letter = a.match(/^(?:option\s+)?[([]?([a-h])(?:[)\].:]|\s|$)/i);
  if (letter && LETTERS.indexOf((letter[1] as string).toUpperCase()) < Math.max(options.length, 4)) {
    // A lone "a"/"A" followed by a word is an article only when no option label is possible ("a salt and water").
    const byText = options.findIndex((o) => norm(a).startsWith(norm(o)) && norm(o).length > 1);
    if (!(byText >= 0 && /^a\s/i.test(a))) return (letter[1] as string).toUpperCase();
  }
  const t = norm(a);
  const exact = options.findIndex((o) => norm(o) === t);
  if (exact >= 0) return LETTERS[exact] ?? null;
  const prefix = options
    .map((o, i) => ({ i, o: norm(o) }))
    .filter(({ o }) => o.length > 0 && (t.startsWith(`${o} `) || t.startsWith(`${o},`)))
    .sort((x, y) => y.o.length - x.o.length)[0];
  return prefix ? (LETTERS[prefix.i] ?? null) : null;
}

/** Does the answer mean the key's value? Numeric keys compare as numbers; letter keys as the option picked. */
export function answerMatches(answer: string | undefined, key: string, options?: readonly string[]): boolean {
  if (answer === undefined) return false;
  if (/^[A-H]$/i.test(key.trim())) return optionAnswer(answer, options) === key.trim().toUpperCase();
  const k = Number(key);
  if (Number.isFinite(k) && key.trim() !== '') {
    const n = numberAnswer(answer);
    return n !== null && Math.abs(n - k) <= 1e-9 * Math.max(1, Math.abs(k));
  }
  return answer.trim().toLowerCase() === key.trim().toLowerCase();
}
