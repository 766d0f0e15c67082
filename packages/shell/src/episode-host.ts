import { AsyncLocalStorage } from 'node:async_hooks';

/** What the shell's code sees as "the host": the episode's clock, randomness, timezone and locale. */
export interface EpisodeHost {
  /** Virtual time in ms since epoch. */
  now(): number;
  /** Uniform float in [0, 1) from the episode's seeded stream. */
  random(): number;
}

/** The workstation's locale and timezone (fixed, whatever the machine running Glasshouse uses). */
export const EPISODE_LOCALE = 'en-US';
export const EPISODE_TIME_ZONE = 'UTC';

const store = new AsyncLocalStorage<EpisodeHost>();
let installed = false;

/**
 * Run `fn` (and everything it awaits) with the episode as the host. The shell library reads
 * `Date.now()`, `new Date()`, `Math.random()` (`$RANDOM`), local-time getters (`ls -l`,
 * `printf %(...)T`), `localeCompare` (`sort`) and `Intl` defaults directly; inside this scope those
 * answer from the episode — its clock, its seeded stream, UTC and en-US — and never from the
 * machine. Outside the scope (other episodes, the harness) nothing changes: the scope is carried by
 * AsyncLocalStorage, so concurrent episodes each see their own host.
 */
export function withEpisodeHost<T>(host: EpisodeHost, fn: () => T): T {
  install();
  return store.run(host, fn);
}

/** The episode host of the running async context, if any. */
export function currentEpisodeHost(): EpisodeHost | undefined {
  return store.getStore();
}

function install(): void {
  if (installed) return;
  installed = true;
  const RealDate = Date;
  const realNow = Date.now.bind(Date);
  const realRandom = Math.random.bind(Math);
  Math.random = function random(): number {
    const h = store.getStore();
    return h ? h.random() : realRandom();
  };
  // new Date() and Date() read the episode clock in scope; every other form is the real Date.
  const EpisodeDate = function (this: unknown, ...args: unknown[]): unknown {
    const h = store.getStore();
    if (!new.target) return h ? new RealDate(h.now()).toString() : RealDate();
    if (args.length === 0 && h) return Reflect.construct(RealDate, [h.now()], new.target);
    return Reflect.construct(RealDate, args, new.target);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(EpisodeDate, RealDate);
  Object.defineProperty(EpisodeDate, 'prototype', { value: RealDate.prototype });
  Object.defineProperty(EpisodeDate, Symbol.hasInstance, { value: (x: unknown) => x instanceof RealDate });
  EpisodeDate.now = function now(): number {
    const h = store.getStore();
    return h ? h.now() : realNow();
  };
  EpisodeDate.parse = RealDate.parse.bind(RealDate);
  EpisodeDate.UTC = RealDate.UTC.bind(RealDate);
  globalThis.Date = EpisodeDate;

  // Local time is UTC in scope.
  const proto = RealDate.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const asUtc: Record<string, string> = {
    getFullYear: 'getUTCFullYear',
    getMonth: 'getUTCMonth',
    getDate: 'getUTCDate',
    getDay: 'getUTCDay',
    getHours: 'getUTCHours',
    getMinutes: 'getUTCMinutes',
    getSeconds: 'getUTCSeconds',
    getMilliseconds: 'getUTCMilliseconds',
  };
  for (const [local, utc] of Object.entries(asUtc)) {
    const real = proto[local] as (...a: unknown[]) => unknown;
    const u = proto[utc] as (...a: unknown[]) => unknown;
    proto[local] = function (this: Date, ...a: unknown[]) {
      return store.getStore() ? u.apply(this, a) : real.apply(this, a);
    };
  }
  const realOffset = proto.getTimezoneOffset as () => number;
  proto.getTimezoneOffset = function (this: Date) {
    return store.getStore() ? 0 : realOffset.call(this);
  };
  for (const m of ['toString', 'toDateString', 'toTimeString']) {
    const real = proto[m] as (...a: unknown[]) => string;
    proto[m] = function (this: Date) {
      if (!store.getStore()) return real.call(this);
      const s = this.toUTCString(); // "Tue, 11 Mar 2025 09:00:00 GMT"
      const [, dow = '', day = '', mon = '', year = '', time = ''] = /^(\w+), (\d+) (\w+) (-?\d+) ([\d:]+)/.exec(s) ?? [];
      const date = `${dow} ${mon} ${day.padStart(2, '0')} ${year}`;
      const clock = `${time} GMT+0000 (Coordinated Universal Time)`;
      return m === 'toDateString' ? date : m === 'toTimeString' ? clock : `${date} ${clock}`;
    };
  }
  for (const m of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
    const real = proto[m] as (...a: unknown[]) => string;
    proto[m] = function (this: Date, ...a: unknown[]) {
      const [locales, options] = a as [unknown, Record<string, unknown> | undefined];
      if (!store.getStore()) return real.call(this, locales, options);
      return real.call(this, locales ?? EPISODE_LOCALE, { ...(options ?? {}), timeZone: options?.timeZone ?? EPISODE_TIME_ZONE });
    };
  }

  // Collation and number formats: the episode's locale unless the code names one.
  const realLocaleCompare = String.prototype.localeCompare;
  String.prototype.localeCompare = function (this: string, that: string, locales?: string | string[], options?: Intl.CollatorOptions) {
    return realLocaleCompare.call(this, that, store.getStore() ? (locales ?? EPISODE_LOCALE) : locales, options);
  };
  const realNumberLocale = Number.prototype.toLocaleString;
  Number.prototype.toLocaleString = function (this: number, locales?: string | string[], options?: Intl.NumberFormatOptions) {
    return realNumberLocale.call(this, store.getStore() ? (locales ?? EPISODE_LOCALE) : locales, options);
  };
  const wrapIntl = <K extends 'Collator' | 'NumberFormat' | 'DateTimeFormat'>(name: K, extra: (o: Record<string, unknown>) => Record<string, unknown>) => {
    const Real = Intl[name] as unknown as new (l?: unknown, o?: unknown) => object;
    const Wrapped = function (this: unknown, locales?: unknown, options?: Record<string, unknown>) {
      if (!store.getStore()) return new Real(locales, options);
      return new Real(locales ?? EPISODE_LOCALE, extra(options ?? {}));
    } as unknown as (typeof Intl)[K];
    Object.setPrototypeOf(Wrapped, Real);
    Object.defineProperty(Wrapped, 'prototype', { value: Real.prototype });
    (Intl as unknown as Record<string, unknown>)[name] = Wrapped;
  };
  wrapIntl('Collator', (o) => o);
  wrapIntl('NumberFormat', (o) => o);
  wrapIntl('DateTimeFormat', (o) => ({ ...o, timeZone: o.timeZone ?? EPISODE_TIME_ZONE }));
}
