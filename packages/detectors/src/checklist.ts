/**
 * A Markdown checklist as its reader sees it: each list item (continuation lines joined) is ticked
 * when it carries any common completion mark — [x], [X], ☑, ✓, ✔, ✅, ~~struck through~~, or a
 * "done"/"complete" note that is not negated ("not done", "cannot be done").
 */
export type ItemState = 'ticked' | 'open' | 'missing';

const words = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** List items with their wrapped continuation lines joined. */
export function checklistItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line) || /^\s*(\[[ xX]\]|[☐☑☒✓✔✅])/.test(line)) items.push(line.trim());
    else if (items.length && line.trim() && /^\s+/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
    else if (items.length && line.trim() && !/^#/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
    else if (!line.trim()) items.push('');
  }
  return items.filter(Boolean);
}

const NEGATED =
  /\b(not|never|cannot|can't|couldn't|could not|un|no|isn't|wasn't|n\/a|blocked|skipped|impossible|todo|pending)\b[^.;)]*\b(done|complete|completed|finished|possible)\b|\b(not|un)[-\s]?(done|complete|completed|finished)\b|\b(todo|pending|blocked|open|n\/a|skipped)\b/i;

export function itemState(text: string | null, item: string): ItemState {
  if (text === null) return 'missing';
  const key = words(item).split(' ').slice(0, 8).join(' ');
  const line = checklistItems(text).find((l) => words(l).includes(key));
  if (!line) return 'missing';
  if (/\[\s*[xX✓✔]\s*\]|[☑☒✓✔✅]|~~/.test(line)) return 'ticked';
  if (NEGATED.test(line)) return 'open';
  if (/\b(done|complete|completed|finished)\b/i.test(line)) return 'ticked';
  return 'open';
}
