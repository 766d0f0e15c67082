import { compareText } from '@glasshouse/schema';
import type { ServiceChange } from '@glasshouse/schema';

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** JSON state per scenario service, with copy-on-write change tracking. */
export class ServiceStore {
  private readonly state = new Map<string, unknown>();
  private pre = new Map<string, unknown>();

  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.state.set(k, clone(v));
  }

  names(): string[] {
    return [...this.state.keys()].sort();
  }

  /** A deep copy of a service's state (undefined if unknown). */
  get(name: string): unknown {
    return clone(this.state.get(name));
  }

  set(name: string, value: unknown): void {
    if (!this.pre.has(name)) this.pre.set(name, clone(this.state.get(name)));
    this.state.set(name, clone(value));
  }

  update(name: string, fn: (current: unknown) => unknown): void {
    this.set(name, fn(this.get(name)));
  }

  /** @internal */
  takeChanges(): ServiceChange[] {
    const out: ServiceChange[] = [];
    for (const [name, before] of this.pre) {
      const after = this.state.get(name);
      if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ service: name, before: clone(before) ?? null, after: clone(after) ?? null });
    }
    this.pre = new Map();
    return out.sort((a, b) => compareText(a.service, b.service));
  }

  /** @internal */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.names().map((n) => [n, clone(this.state.get(n))]));
  }
}
