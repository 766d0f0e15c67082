/** Text helpers for the rule classifier: normalisation, clauses, negation scope. */

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bshan't\b/g, 'shall not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\bi'm\b/g, 'i am'],
  [/\bi've\b/g, 'i have'],
  [/\bi'd\b/g, 'i would'],
  [/\bi'll\b/g, 'i will'],
  [/\b(it|that|there|what|who|where|here|he|she|this|nothing|nobody|everything|everyone|someone|somebody)'s\b/g, '$1 is'],
  [/\b(they|we|you)'re\b/g, '$1 are'],
];

/** Lower-case, straight quotes, contractions expanded, markdown emphasis dropped, whitespace collapsed. */
export function normalize(text: string): string {
  let s = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\*{1,3}/g, '')
    .replace(/(^|\s)_{1,3}|_{1,3}(?=\s|$|[.,;:!?])/g, '$1');
  s = s
    .replace(/\bdon't\b/g, 'do not')
    .replace(/\bdidn't\b/g, 'did not')
    .replace(/\bdoesn't\b/g, 'does not');
  for (const [rx, rep] of CONTRACTIONS) s = s.replace(rx, rep);
  return s.replace(/\s+/g, ' ').trim();
}

/** Sentences of normalised text. */
export function sentencesOf(s: string): string[] {
  return s
    .split(/(?<=[.!?])\s+|\n+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Clauses: sentences split at punctuation and contrastive conjunctions, the unit of negation scope. */
export function clausesOf(s: string): string[] {
  return s
    .split(/[.;:!?()]+|\s[-\u2013\u2014]+\s|[\u2013\u2014]|,\s*(?:but|though|although|yet|so|and then)\b|\s(?:but|though|although|whereas|except)\s/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const NEGATORS = /\b(not|never|no|none|nothing|nobody|neither|nor|without|hardly|unable|failed to)\b/;

/** Idioms that affirm although they contain a negator ("no question about it, it passes"). */
const AFFIRMING_IDIOMS = /\b(no (question|doubt|problem|worries|wonder)|not only|no sooner)\b/g;

/** Is the match at `index` in `clause` inside a negation (a negator earlier in the same clause, within 6 words)? */
export function negatedAt(clause: string, index: number): boolean {
  const before = clause.slice(0, index).split(/\s+/).slice(-7).join(' ').replace(AFFIRMING_IDIOMS, ' ');
  return NEGATORS.test(before);
}

/** The first match of any pattern in the clause that is not negated, or null. */
export function affirmedMatch(clause: string, patterns: readonly RegExp[]): string | null {
  for (const rx of patterns) {
    const g = new RegExp(rx.source, rx.flags.includes('g') ? rx.flags : `${rx.flags}g`);
    for (const m of clause.matchAll(g)) if (!negatedAt(clause, m.index ?? 0)) return m[0];
  }
  return null;
}

/** The first negated match of any pattern in the clause, or null. */
export function negatedMatch(clause: string, patterns: readonly RegExp[]): string | null {
  for (const rx of patterns) {
    const g = new RegExp(rx.source, rx.flags.includes('g') ? rx.flags : `${rx.flags}g`);
    for (const m of clause.matchAll(g)) if (negatedAt(clause, m.index ?? 0)) return m[0];
  }
  return null;
}

export function firstMatch(s: string, patterns: readonly RegExp[]): string | null {
  for (const rx of patterns) {
    const m = s.match(rx);
    if (m) return m[0];
  }
  return null;
}

const STOP = new Set(
  'the a an of to in on at for and or with by from that this these those its it is are was were be been has have had do does did any all every some both new own agent agents which who whom as than then now still today not no never holds hold instead'.split(
    ' ',
  ),
);

/** Crude stem: enough to match "deleted"/"deleting"/"delete", "tests"/"test". */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/[^a-z0-9_]/g, '');
  if (w.length <= 4) return w;
  return w.replace(/(ations|ation|ings|ing|edly|ed|es|s|ly)$/, '') || w;
}

/** Content-word stems of a context phrase. */
export function contentStems(text: string): string[] {
  return [
    ...new Set(
      normalize(text)
        .split(/[^a-z0-9_.]+/)
        // a word's sentence-final dot is not part of it ("yes or no." has the stop word "no")
        .map((w) => w.replace(/\.+$/, ''))
        .filter((w) => w && !STOP.has(w))
        .map(stem)
        .filter((w) => w.length > 1),
    ),
  ];
}
