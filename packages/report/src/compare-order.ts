/** Code-point string order (locale-independent, so reports are identical on every machine). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const TYPE_RANK = { boolean: 0, number: 1, string: 2 } as const;

/** Order for variable values: false before true, numbers ascending, strings by code point. */
export function compareScalars(a: string | number | boolean, b: string | number | boolean): number {
  const ta = TYPE_RANK[typeof a as keyof typeof TYPE_RANK];
  const tb = TYPE_RANK[typeof b as keyof typeof TYPE_RANK];
  if (ta !== tb) return ta - tb;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  return Number(a) - Number(b);
}
