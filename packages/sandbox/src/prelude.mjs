// Plain JavaScript (no TypeScript) so the sandbox host child process can load it with no loader.
import { PRELUDE_DATE } from './prelude-date.mjs';
import { PRELUDE_LOCALE } from './prelude-locale.mjs';
import { PRELUDE_STACK } from './prelude-stack.mjs';

/**
 * Code run once in every fresh context, as an evalClosure with:
 * `$0` sync bridge callback, `$1` async-await reference, `$2` bridge names (JSON), `$3` max output
 * bytes, `$4` PRNG seed words (JSON), `$5` time zone, `$6` locale.
 * Everything crossing the boundary is a JSON string, so no object or prototype is ever shared.
 * It also hides the host: the clock is virtual (set per run), Math.random is seeded, local time and
 * every locale default are the episode's zone and locale (prelude-date.mjs, prelude-locale.mjs),
 * stack traces look like plain V8 (prelude-stack.mjs), and APIs that can take the hosting process
 * down are removed.
 */
export const PRELUDE = `
const __sync = $0, __await = $1, __names = JSON.parse($2), __max = $3, __seed = JSON.parse($4), __tz = $5, __locale = $6;
const __stringify = JSON.stringify, __parse = JSON.parse, __defineProperty = Object.defineProperty, __Error = Error, __RealDTF = Intl.DateTimeFormat;
delete globalThis.WebAssembly;
delete globalThis.FinalizationRegistry;
if (typeof Atomics === 'object') { delete Atomics.wait; delete Atomics.waitAsync; }

// Functions we replace must print like built-ins.
const __fts = Function.prototype.toString, __nativeSrc = new WeakMap();
const __native = (f, name) => { __nativeSrc.set(f, 'function ' + name + '() { [native code] }'); return f; };
__defineProperty(Function.prototype, 'toString', { value: __native(function toString() { const s = __nativeSrc.get(this); return s !== undefined ? s : __fts.call(this); }, 'toString'), writable: true, configurable: true, enumerable: false });
${PRELUDE_STACK}

let __bridgeCalls = 0, __bridgeMax = 0;
// A failed host call throws an Error whose stack starts at the agent's call.
const __fail = (msg, fn) => { const e = new __Error(msg); __captureStackTrace(e, fn); return e; };
const __call = (name, args, fn) => {
  if (++__bridgeCalls > __bridgeMax) throw __fail('host.' + name + ': too many host calls in one run (limit ' + __bridgeMax + ')', fn);
  const r = __parse(__sync(name, __stringify(args)));
  if (r.p !== undefined) {
    const r2 = __parse(__await.applySyncPromise(undefined, [r.p]));
    if (r2.e !== undefined) throw __fail(r2.e, fn);
    return r2.v;
  }
  if (r.e !== undefined) throw __fail(r.e, fn);
  return r.v;
};
const host = Object.create(null);
for (const n of __names) {
  const f = { [n]: (...args) => __call(n, args, f) }[n];
  __defineProperty(host, n, { value: __native(f, n), enumerable: true });
}
Object.freeze(host);
__defineProperty(globalThis, 'host', { value: host, enumerable: false });

// Seeded randomness (sfc32, like the episode's own generator).
let [__ra, __rb, __rc, __rd] = __seed;
const __rand = () => {
  __ra >>>= 0; __rb >>>= 0; __rc >>>= 0; __rd >>>= 0;
  let t = (__ra + __rb) | 0;
  __ra = __rb ^ (__rb >>> 9); __rb = (__rc + (__rc << 3)) | 0; __rc = (__rc << 21) | (__rc >>> 11); __rd = (__rd + 1) | 0;
  t = (t + __rd) | 0; __rc = (__rc + t) | 0;
  return (t >>> 0) / 4294967296;
};
for (let i = 0; i < 12; i++) __rand();
__defineProperty(Math, 'random', { value: __native(function random() { return __rand(); }, 'random'), writable: true, configurable: true, enumerable: false });

// Virtual clock: the episode's time at the start of each run, one millisecond more per reading.
let __now = 0, __tick = 0;
const __clock = () => __now + __tick++;
const __RealDate = globalThis.Date;
// A named function expression: a declaration would be hoisted above __RealDate and shadow it.
const Date = function Date(...a) {
  try {
    if (new.target === undefined) return __dateString(__clock());
    return Reflect.construct(__RealDate, [a.length === 0 ? __clock() : __timeFromArgs(a)], new.target === __FakeDate ? __RealDate : new.target);
  } catch (e) {
    throw __clean(e);
  }
};
const __FakeDate = Date;
__native(Date, 'Date');
__defineProperty(Date, 'length', { value: 7 });
__defineProperty(Date, 'prototype', { value: __RealDate.prototype, writable: false, enumerable: false, configurable: false });
__defineProperty(Date, 'now', { value: __native(function now() { return __clock(); }, 'now'), writable: true, configurable: true });
__defineProperty(Date, 'parse', { value: __RealDate.parse, writable: true, configurable: true });
__defineProperty(Date, 'UTC', { value: __RealDate.UTC, writable: true, configurable: true });
__defineProperty(__RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true, enumerable: false });
__defineProperty(globalThis, 'Date', { value: Date, writable: true, configurable: true, enumerable: false });
const __perfOrigin = () => __now;
globalThis.performance = Object.freeze({ now: __native(function now() { return __clock() - __perfOrigin(); }, 'now'), timeOrigin: 0 });

${PRELUDE_LOCALE}
${PRELUDE_DATE}
let __out = '', __cut = false;
const __fmt = (a) => a.map((x) => { if (typeof x === 'string') return x; try { const s = __stringify(x); return s === undefined ? String(x) : s; } catch { try { return String(x); } catch { return '[unprintable]'; } } }).join(' ');
const __push = (prefix, a) => {
  if (__cut) return;
  const line = prefix + __fmt(a) + '\\n';
  if (__out.length + line.length > __max) { __out += line.slice(0, Math.max(0, __max - __out.length)); __cut = true; return; }
  __out += line;
};
const __log = (n) => __native((...a) => __push('', a), n);
globalThis.console = Object.freeze({ log: __log('log'), info: __log('info'), warn: __log('warn'), error: __log('error'), debug: __log('debug') });
// The run's own helpers are returned to the session (a reference), never globals agent code could list.
const __begin = (now, maxCalls) => { __thrown = undefined; __threw = false; __now = now; __tick = 0; __bridgeCalls = 0; __bridgeMax = maxCalls; __out = ''; __cut = false; };
const __takeLogs = () => { const r = __stringify({ logs: __out, cut: __cut }); __out = ''; __cut = false; return r; };
const __ser = (v) => {
  let s;
  try { s = __stringify(v === undefined ? null : v); } catch (e) { return __stringify({ e: 'result is not JSON-serialisable: ' + (e && e.message) }); }
  if (s === undefined) s = 'null';
  if (s.length > __max) return __stringify({ over: s.length });
  return __stringify({ ok: s });
};
let __thrown, __threw = false;
const __caughtMark = Object.freeze({});
// The two the agent's script itself calls (see agentScript) have to be globals.
__defineProperty(globalThis, '__caught', { value: (e) => { __thrown = e; __threw = true; return __caughtMark; } });
const __promiseThen = Promise.prototype.then, __noop = () => {};
__defineProperty(globalThis, '__hold', { value: (p) => { __promiseThen.call(p, undefined, __noop); return p; } });
const __settle = (v) => { if (v !== __caughtMark || !__threw) return v; const e = __thrown; __thrown = undefined; __threw = false; throw e; };
const __errText = (e) => { try { return (e && e.name ? e.name + ': ' : '') + (e && e.message !== undefined ? e.message : String(e)); } catch { return 'Error'; } };
return Object.freeze({ begin: __begin, takeLogs: __takeLogs, ser: __ser, settle: __settle, errText: __errText });
`;

/**
 * Freezes the built-in constructors and prototypes of a context (service logic contexts), so code
 * that runs there cannot change what later code in the same context computes.
 */
export const FREEZE_INTRINSICS = `
for (const k of Object.getOwnPropertyNames(globalThis)) {
  const v = globalThis[k];
  if ((typeof v === 'function' || (typeof v === 'object' && v !== null)) && k !== 'globalThis') {
    try { Object.freeze(v); if (typeof v === 'function' && v.prototype) Object.freeze(v.prototype); } catch {}
  }
}
for (const p of [Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function () {}), Object.getPrototypeOf([][Symbol.iterator]()), Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))]) { try { Object.freeze(p); if (p.prototype) Object.freeze(p.prototype); } catch {} }
Object.freeze(globalThis);
`;

/**
 * Agent code as a script of its own, compiled as `script.js` (so its stack frames are its own and
 * nothing sits below them): a block whose completion value is the result (let/const stay local to
 * the run, var and functions become globals, as with eval), or an async body when it awaits (its
 * promise handled at once, so a rejection is settled below rather than reported as unhandled). A
 * throw is caught in the isolate, so any thrown value reaches the agent as it was.
 */
export function agentScript(code) {
  if (/\bawait\b/.test(code)) return `__hold((async () => {\n${code}\n})())`;
  const strict = /^\s*(['"])use strict\1/.test(code) ? "'use strict'; " : '';
  return `${strict}try {\n${code}\n} catch (e) { __caught(e) }`;
}

// The scripts below get the prelude's helpers (what PRELUDE returns) as `$0`.

/** Settles agent code's completion value `$1` (awaiting a promise): its JSON, or the error text. */
export const SETTLE_SCRIPT = `
const k = $0, v = $1;
return (async () => k.ser(await k.settle(v)))().catch((e) => JSON.stringify({ e: k.errText(e) }));
`;

/** Starts a run: `$1` virtual now (ms), `$2` max host calls. */
export const BEGIN_SCRIPT = '$0.begin($1, $2)';

/** The run's console output so far (JSON `{logs, cut}`), emptied. */
export const TAKE_LOGS_SCRIPT = 'return $0.takeLogs()';

/** Scenario service logic: `$1` a function expression applied to `$2` JSON arguments; `$3` now, `$4` max host calls. */
export const RUN_FUNCTION = `
const k = $0, src = $1, args = JSON.parse($2);
k.begin($3, $4);
return (async () => {
  const f = (0, eval)('(' + src + ')');
  if (typeof f !== 'function') throw new TypeError('service logic is not a function');
  return k.ser(await f(...args));
})().catch((e) => JSON.stringify({ e: k.errText(e) }));
`;
