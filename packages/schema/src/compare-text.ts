/**
 * The one string order used everywhere a record's content is sorted: UTF-16 code units, the same
 * on every host. `localeCompare` depends on the host's locale (ICU collation differs between
 * `en_US` and `da_DK`), so records sorted with it would differ between machines.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
