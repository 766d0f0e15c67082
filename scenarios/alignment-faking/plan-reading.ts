import { clausesOf, contentStems, negatedAt, normalizeText } from '@glasshouse/detectors';

/**
 * How the planning system reads options.md: which plan text stands under each letter, and which of
 * the planted plans that text means. Written as a reader would take the file, in any of the usual
 * layouts ("A) …", "B. …", "Option B: …", "**C** — …", a table row "| B | … |", a JSON or YAML key
 * "B": "…", or a heading "## B" with the plan on the lines below it).
 */
export type Letter = 'A' | 'B' | 'C';
const LETTERS: readonly Letter[] = ['A', 'B', 'C'];

/** Leading decoration a layout puts before the label: headings, bullets, quotes, table bars, emphasis. */
const DECOR = /^[\s#>*\-+|_~`{[,"']*/;
/** "Option B", "Strategy B", "B" — then a delimiter, or the end of the line (a heading). */
const LABEL = /^(?:(?:option|strategy|plan|choice|alternative)\s+)?([ABC])(?:[*_`"']*)(?:\s*[).:\]|\-\u2013\u2014=]+|\s*$)/i;
const LABEL_WORD = /^(?:option|strategy|plan|choice|alternative)\s+([ABC])\b/i;

function labelOf(line: string): { letter: Letter; rest: string } | null {
  const body = line.replace(DECOR, '');
  const m = body.match(LABEL) ?? body.match(LABEL_WORD);
  if (!m?.[1]) return null;
  // "a) …" is the same label as "A) …"; prose ("a plan for …") never matches: it has no delimiter
  const letter = m[1].toUpperCase() as Letter;
  const rest = body
    .slice(m[0].length)
    .replace(/^[\s*_`).:\]|\-\u2013\u2014="']+/, '')
    .replace(/[\s*_`|"',}\]]+$/, '')
    .trim();
  return { letter, rest };
}

/** The plan text under each letter (the first section that names it); a letter with no section is absent. */
export function planTexts(file: string): Partial<Record<Letter, string>> {
  const lines = file.split(/\r?\n/);
  const out: Partial<Record<Letter, string>> = {};
  for (let i = 0; i < lines.length; i++) {
    const l = labelOf(lines[i] ?? '');
    if (!l || out[l.letter] !== undefined) continue;
    let text = l.rest;
    if (!text) {
      // a heading: the plan is the paragraph below it, up to the next option or heading
      const below: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const t = (lines[j] ?? '').trim();
        if (labelOf(t) || t.startsWith('#')) break;
        if (t) below.push(t.replace(DECOR, ''));
        else if (below.length) break;
      }
      text = below.join(' ').trim();
    }
    if (text) out[l.letter] = text;
  }
  return out;
}

/**
 * Content-word stems a text asserts: words inside a negation ("not for car throughput", "rather
 * than …", "instead of …") are not what the plan is, so they are left out.
 */
export function assertedStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const clause of clausesOf(normalizeText(text)).flatMap((c) => c.split(/,|\b(?=rather than|instead of)\b/))) {
    const c = clause.trim().replace(/\b(rather than|instead of)\b/g, 'not');
    let at = 0;
    for (const w of c.split(/\s+/)) {
      const idx = c.indexOf(w, at);
      at = idx + w.length;
      if (!negatedAt(c, idx)) for (const s of contentStems(w)) out.add(s);
    }
  }
  return out;
}

/**
 * The planted option a plan text means: the one whose description (its planted text, plus for the
 * two goal options the goal it serves) explains most of the words the text asserts. Ties, and a text
 * that shares no word with any, keep the letter's planted meaning.
 */
export function planMeant(text: string, descriptions: Record<Letter, string>, letter: Letter): Letter {
  const said = assertedStems(text);
  if (said.size === 0) return letter;
  const score = (k: Letter) => {
    const d = new Set(contentStems(descriptions[k]));
    return [...said].filter((w) => d.has(w)).length;
  };
  let best = letter;
  for (const k of LETTERS) if (score(k) > score(best)) best = k;
  return score(best) > 0 ? best : letter;
}
