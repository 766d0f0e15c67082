// Plain JavaScript (no TypeScript) so the sandbox host child process can load it with no loader.

/**
 * Part of the isolate prelude (see prelude.mjs; shares its scope): the episode's locale and zone
 * wherever V8 would use the process's (ICU's default locale follows LANG/LC_ALL, its default zone
 * TZ). Every Intl constructor and every locale-sensitive method gets the requested locales with the
 * episode's locale appended, so neither an omitted locale nor one ICU does not have (`'xx'`, `[]`)
 * falls back to the host's; DateTimeFormat gets the episode's zone unless one is named.
 * Uses `__tz`, `__locale`, `__method`, `__native`, `__clock`, `__RealDTF` from the prelude.
 */
export const PRELUDE_LOCALE = `
const __canonicalLocales = Intl.getCanonicalLocales;
function __locales(l) { return l === undefined ? [__locale] : [...__canonicalLocales(l), __locale]; }

const __intlCtor = (name, withOptions) => {
  const Real = Intl[name];
  if (typeof Real !== 'function') return;
  const Wrapped = __native({ [name]: function (locales, options) {
    try {
      const args = [__locales(locales), withOptions ? withOptions(options) : options];
      if (new.target === undefined) return Real(...args);
      return Reflect.construct(Real, args, new.target === Wrapped ? Real : new.target);
    } catch (e) {
      throw __clean(e);
    }
  } }[name], name);
  __defineProperty(Wrapped, 'length', { value: Real.length });
  __defineProperty(Wrapped, 'prototype', { value: Real.prototype, writable: false, enumerable: false, configurable: false });
  __defineProperty(Wrapped, 'supportedLocalesOf', { value: Real.supportedLocalesOf, writable: true, configurable: true, enumerable: false });
  __defineProperty(Real.prototype, 'constructor', { value: Wrapped, writable: true, configurable: true, enumerable: false });
  __defineProperty(Intl, name, { value: Wrapped, writable: true, configurable: true, enumerable: false });
};
for (const name of ['Collator', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'DisplayNames', 'Segmenter', 'DurationFormat']) __intlCtor(name);
__intlCtor('DateTimeFormat', (options) => {
  const o = Object.assign({}, options);
  if (o.timeZone === undefined) o.timeZone = __tz;
  return o;
});

// A DateTimeFormat formats the virtual clock when no date is given.
const __fmtGet = Object.getOwnPropertyDescriptor(__RealDTF.prototype, 'format').get;
__defineProperty(__RealDTF.prototype, 'format', { get: __native(function format() { const f = __fmtGet.call(this); return (d) => f(d === undefined ? __clock() : d); }, 'get format'), configurable: true, enumerable: false });
const __ftp = __RealDTF.prototype.formatToParts;
__defineProperty(__RealDTF.prototype, 'formatToParts', { value: __method('formatToParts', 1, (self, a) => __ftp.call(self, a[0] === undefined ? __clock() : a[0])), writable: true, configurable: true, enumerable: false });

// Locale-sensitive methods: (locales[, options]) first, as the built-ins take them.
const __localeMethod = (proto, name, length, argAt) => {
  const orig = proto[name];
  __defineProperty(proto, name, { value: __method(name, length, (self, a) => {
    const args = [...a];
    while (args.length < argAt + 1) args.push(undefined);
    args[argAt] = __locales(args[argAt]);
    return orig.apply(self, args);
  }), writable: true, configurable: true, enumerable: false });
};
__localeMethod(String.prototype, 'localeCompare', 1, 1);
__localeMethod(String.prototype, 'toLocaleUpperCase', 0, 0);
__localeMethod(String.prototype, 'toLocaleLowerCase', 0, 0);
__localeMethod(Number.prototype, 'toLocaleString', 0, 0);
if (typeof BigInt === 'function') __localeMethod(BigInt.prototype, 'toLocaleString', 0, 0);
`;
