// Plain JavaScript (no TypeScript) so the sandbox host child process can load it with no loader.

/** The file name the prelude and the run wrappers are compiled under (agent code is `script.js`). */
export const BUILTIN_FILE = '<builtin>';

/**
 * Part of the isolate prelude (see prelude.mjs; shares its scope): stack traces look like plain V8.
 * There is no `Error.prepareStackTrace` (V8's default formatting, as in Node); agent code is compiled
 * as `script.js` with nothing below it, so its frames are its own. The prelude's replacements for
 * built-ins are made with `__method`: an error that leaves one has the prelude's frames rewritten as
 * V8 prints a built-in's (`at Date.setHours (<anonymous>)`) and its helpers' frames dropped. Errors
 * the prelude raises itself (host calls) start their stack at the agent's call.
 */
export const PRELUDE_STACK = `
const __captureStackTrace = __Error.captureStackTrace;
const __isError = typeof __Error.isError === 'function' ? __Error.isError : (e) => e instanceof __Error;
const __stackAccessor = Object.getOwnPropertyDescriptor(new __Error(), 'stack');
const __builtinFrame = /^(\\s+at )(?:(.*?) \\()?<builtin>:\\d+:\\d+\\)?$/;
const __nativeFrame = /^\\s+at .* \\(<anonymous>\\)$/;
const __cleanStack = (s) => {
  const out = [];
  for (const line of s.split('\\n')) {
    const m = __builtinFrame.exec(line);
    if (!m) { out.push(line); continue; }
    const name = m[2];
    if (!name || name.includes('__') || name.includes('<anonymous>')) continue;
    // Built-ins the replacement called are its own business: only the replacement shows, as a built-in.
    while (out.length > 1 && __nativeFrame.test(out[out.length - 1])) out.pop();
    out.push(m[1] + name + ' (<anonymous>)');
  }
  return out.join('\\n');
};
// Rewrite the stack of an error leaving a prelude function (only V8's own stack property is touched).
const __clean = (e) => {
  try {
    if (!__stackAccessor || !__stackAccessor.get || !__isError(e)) return e;
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    if (!d || d.get !== __stackAccessor.get || d.set !== __stackAccessor.set) return e;
    const s = d.get.call(e);
    if (typeof s === 'string' && s.includes('<builtin>:')) d.set.call(e, __cleanStack(s));
  } catch {}
  return e;
};
// A replacement for a built-in method: not a constructor, prints as native code, \`impl(this, args)\`.
const __method = (name, length, impl) => {
  const f = { [name](...a) { try { return impl(this, a); } catch (e) { throw __clean(e); } } }[name];
  __defineProperty(f, 'length', { value: length });
  return __native(f, name);
};
`;
