/**
 * Code run once in every fresh context. `$0` sync bridge callback, `$1` async-await reference,
 * `$2` random callback, `$3` now callback, `$4` bridge names, `$5` max output bytes.
 * Everything crossing the boundary is a JSON string, so no object or prototype is ever shared.
 */
export const PRELUDE = `
const __sync = $0, __await = $1, __rand = $2, __nowFn = $3, __names = JSON.parse($4), __max = $5;
delete globalThis.WebAssembly;
const __call = (name, args) => {
  const r = JSON.parse(__sync(name, JSON.stringify(args)));
  if (r.p !== undefined) {
    const r2 = JSON.parse(__await.applySyncPromise(undefined, [r.p]));
    if (r2.e !== undefined) throw new Error(r2.e);
    return r2.v;
  }
  if (r.e !== undefined) throw new Error(r.e);
  return r.v;
};
const host = Object.create(null);
for (const n of __names) Object.defineProperty(host, n, { value: (...args) => __call(n, args), enumerable: true });
Object.freeze(host);
Object.defineProperty(globalThis, 'host', { value: host, enumerable: false });
Math.random = () => __rand();
const __RealDate = globalThis.Date;
const __FakeDate = class Date extends __RealDate {
  constructor(...a) { if (a.length === 0) super(__nowFn()); else super(...a); }
  static now() { return __nowFn(); }
};
globalThis.Date = __FakeDate;
let __out = '', __cut = false;
const __fmt = (a) => a.map((x) => { if (typeof x === 'string') return x; try { return JSON.stringify(x); } catch { return String(x); } }).join(' ');
const __push = (prefix, a) => {
  if (__cut) return;
  const line = prefix + __fmt(a) + '\\n';
  if (__out.length + line.length > __max) { __out += line.slice(0, Math.max(0, __max - __out.length)); __cut = true; return; }
  __out += line;
};
globalThis.console = Object.freeze({ log: (...a) => __push('', a), info: (...a) => __push('', a), warn: (...a) => __push('', a), error: (...a) => __push('', a), debug: (...a) => __push('', a) });
Object.defineProperty(globalThis, '__takeLogs', { value: () => { const r = JSON.stringify({ logs: __out, cut: __cut }); __out = ''; __cut = false; return r; } });
Object.defineProperty(globalThis, '__ser', { value: (v) => {
  let s;
  try { s = JSON.stringify(v === undefined ? null : v); } catch (e) { return JSON.stringify({ e: 'result is not JSON-serialisable: ' + e.message }); }
  if (s === undefined) s = 'null';
  if (s.length > __max) return JSON.stringify({ over: s.length });
  return JSON.stringify({ ok: s });
} });
`;

/** Agent code: completion value of the last expression (indirect eval), or an async body when it awaits. */
export const RUN_SCRIPT = `
const code = $0;
const usesAwait = /\\bawait\\b/.test(code);
return (async () => {
  const v = usesAwait ? await (0, eval)('(async () => {' + code + '\\n})()') : await (0, eval)(code);
  return __ser(v);
})().catch((e) => JSON.stringify({ e: (e && e.name ? e.name + ': ' : '') + (e && e.message !== undefined ? e.message : String(e)) }));
`;

/** Scenario service logic: a function expression applied to JSON arguments. */
export const RUN_FUNCTION = `
const src = $0, args = JSON.parse($1);
return (async () => {
  const f = (0, eval)('(' + src + ')');
  if (typeof f !== 'function') throw new TypeError('service logic is not a function');
  return __ser(await f(...args));
})().catch((e) => JSON.stringify({ e: (e && e.name ? e.name + ': ' : '') + (e && e.message !== undefined ? e.message : String(e)) }));
`;
