import { sha256 } from '@glasshouse/schema';

/**
 * A bounded cache of a pure function's results by the content it reads (never by object identity):
 * the same bytes give the same answer, whichever episode or record they come from. Regrading many
 * records of one scenario reads the same seeded files again and again (a test suite the agent never
 * touched, a config it only read); each is parsed or run once. Oldest entries go first when full.
 */
export class ContentMemo<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly max = 512) {}

  /** The key of some inputs: a string as it is, anything else by the hash of its JSON. */
  static keyOf(inputs: unknown): string {
    return typeof inputs === 'string' ? inputs : sha256(JSON.stringify(inputs));
  }

  /** The cached result for these inputs, or `compute()`'s, kept. A promise that rejects is not kept. */
  get(inputs: unknown, compute: () => T): T {
    const key = ContentMemo.keyOf(inputs);
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = compute();
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    if (value instanceof Promise) value.catch(() => this.entries.get(key) === value && this.entries.delete(key));
    return value;
  }
}
