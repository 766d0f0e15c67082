// Plain JavaScript (no TypeScript) so the sandbox host child process can load it with no loader.

/**
 * Part of the isolate prelude (see prelude.mjs; shares its scope): Date in the episode's time zone.
 * V8 computes local time (getters, setters, toString, `new Date(y, m, …)`, parsing of strings
 * without an offset) from the process's zone. Here every one of them goes through offsets that
 * Intl computes with the episode's zone named explicitly, so the host process's TZ never shows.
 * Uses `__RealDate`, `__tz`, `__locale`, `__method`, `__clock` and `__RealDTF` from the prelude.
 */
export const PRELUDE_DATE = `
const __dp = __RealDate.prototype;
const __timeValue = __dp.getTime, __setTime = __dp.setTime, __hostOffsetMin = __dp.getTimezoneOffset, __realParse = __RealDate.parse, __realUTC = __RealDate.UTC;
const __tv = (d) => __timeValue.call(d);
// Formatters are made on first use: a context (one per service call) that never reads local time pays nothing.
let __zp = null, __zn = null, __utcName = null;
const __zoneParts = () => __zp || (__zp = new __RealDTF('en-US', { timeZone: __tz, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }));
const __zoneIsUtc = /^(Etc\\/)?(UTC|UCT|GMT|Universal|Zulu)$/i.test(__tz);
const __zoneFtp = __RealDTF.prototype.formatToParts;
let __lastT = NaN, __lastOff = 0;
const __CYCLE = 146097 * 86400000; // 400 Gregorian years: the calendar and the weekdays repeat
// Milliseconds the episode's zone is ahead of UTC at instant t (finite).
const __offsetAt = (t0) => {
  if (__zoneIsUtc) return 0;
  const t = t0 > 8.64e15 ? 8.64e15 : t0 < -8.64e15 ? -8.64e15 : t0;
  if (t === __lastT) return __lastOff;
  const f = {};
  for (const p of __zoneFtp.call(__zoneParts(), t)) f[p.type] = p.value;
  let y = Number(f.year);
  if (f.era === 'BC' || f.era === 'B') y = 1 - y;
  // Near the ends of the Date range the wall clock may lie outside it: read it 400 years nearer.
  const cycles = y > 200000 ? 1 : y < -200000 ? -1 : 0;
  const w = new __RealDate(0);
  w.setUTCFullYear(y - 400 * cycles, Number(f.month) - 1, Number(f.day));
  w.setUTCHours(Number(f.hour), Number(f.minute), Number(f.second), 0);
  const sec = t - (((t % 1000) + 1000) % 1000);
  __lastT = t;
  __lastOff = __tv(w) + cycles * __CYCLE - sec;
  return __lastOff;
};
// The UTC instant of a local (episode-zone) time value.
const __fromLocal = (l) => {
  if (l !== l) return NaN;
  const o1 = __offsetAt(l);
  let u = l - o1;
  const o2 = __offsetAt(u);
  if (o2 !== o1 && __offsetAt(l - o2) === o2) u = l - o2;
  return u;
};
// The local (episode-zone) fields of instant t. Local time may lie just outside the Date range:
// then the fields are read 400 years (a whole calendar cycle, weekdays included) nearer.
const __fields = (t) => {
  let l = t + __offsetAt(t), shift = 0;
  if (l < -8.64e15) { l += __CYCLE; shift = -400; } else if (l > 8.64e15) { l -= __CYCLE; shift = 400; }
  const d = new __RealDate(l);
  return { year: d.getUTCFullYear() + shift, month: d.getUTCMonth(), date: d.getUTCDate(), day: d.getUTCDay(), hours: d.getUTCHours(), minutes: d.getUTCMinutes(), seconds: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
};

const __getters = { getFullYear: 'year', getMonth: 'month', getDate: 'date', getDay: 'day', getHours: 'hours', getMinutes: 'minutes', getSeconds: 'seconds', getMilliseconds: 'ms' };
for (const name of Object.keys(__getters)) {
  const field = __getters[name];
  __defineProperty(__dp, name, { value: __method(name, 0, (self) => { const t = __tv(self); return t !== t ? NaN : __fields(t)[field]; }), writable: true, configurable: true, enumerable: false });
}
__defineProperty(__dp, 'getYear', { value: __method('getYear', 0, (self) => { const t = __tv(self); return t !== t ? NaN : __fields(t).year - 1900; }), writable: true, configurable: true, enumerable: false });
// Whole minutes, as V8 reports them (a local mean time of -4:56:02 is 296).
__defineProperty(__dp, 'getTimezoneOffset', { value: __method('getTimezoneOffset', 0, (self) => { const t = __tv(self); return t !== t ? NaN : -Math.trunc(__offsetAt(t) / 60000) || 0; }), writable: true, configurable: true, enumerable: false });

// Setters: apply the UTC setter to the local fields, then map the result back to an instant.
const __setters = { setMilliseconds: 'setUTCMilliseconds', setSeconds: 'setUTCSeconds', setMinutes: 'setUTCMinutes', setHours: 'setUTCHours', setDate: 'setUTCDate', setMonth: 'setUTCMonth', setFullYear: 'setUTCFullYear' };
for (const name of Object.keys(__setters)) {
  const utc = __dp[__setters[name]];
  const len = __dp[name].length;
  __defineProperty(__dp, name, { value: __method(name, len, (self, a) => {
    const t = __tv(self);
    // setFullYear starts from local time +0 on an invalid date; the others stay invalid.
    const l = new __RealDate(t === t ? t + __offsetAt(t) : name === 'setFullYear' ? 0 : NaN);
    const r = utc.apply(l, a);
    return __setTime.call(self, r !== r ? NaN : __fromLocal(r));
  }), writable: true, configurable: true, enumerable: false });
}
__defineProperty(__dp, 'setYear', { value: __method('setYear', 1, (self, a) => {
  const y = Number(a[0]);
  if (y !== y) return __setTime.call(self, NaN);
  const i = Math.trunc(y);
  return __dp.setFullYear.call(self, i >= 0 && i <= 99 ? 1900 + i : y);
}), writable: true, configurable: true, enumerable: false });

// Text forms, as V8 prints them: "Tue Mar 11 2025 09:14:00 GMT+0000 (Coordinated Universal Time)".
const __DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], __MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const __zoneNameAt = (t) => {
  __zn = __zn || new __RealDTF(__locale, { timeZone: __tz, timeZoneName: 'long' });
  for (const p of __zoneFtp.call(__zn, t)) if (p.type === 'timeZoneName') return p.value;
  return '';
};
// Where ICU has only an offset (local mean time, far dates), V8 still names the zone's standard or
// daylight time, as today's rules would have it on that calendar day.
const __gmtName = /^GMT([+-]|$)/;
const __zoneName = (t, f) => {
  if (__zoneIsUtc) return __utcName || (__utcName = __zoneNameAt(t));
  const n = __zoneNameAt(t);
  if (!__gmtName.test(n)) return n;
  const winter = __realUTC(2025, 0, 15), summer = __realUTC(2025, 6, 15);
  const standard = __offsetAt(winter) <= __offsetAt(summer) ? winter : summer, daylight = standard === winter ? summer : winter;
  if (__gmtName.test(__zoneNameAt(standard))) return n;
  const sameDay = __fromLocal(__realUTC(2025, f.month, f.date, f.hours, f.minutes));
  return __zoneNameAt(__offsetAt(sameDay) !== __offsetAt(standard) ? daylight : standard);
};
const __pad = (n, w) => String(n).padStart(w, '0');
const __dateText = (f) => __DAYS[f.day] + ' ' + __MONTHS[f.month] + ' ' + __pad(f.date, 2) + ' ' + (f.year < 0 ? '-' + __pad(-f.year, 4) : __pad(f.year, 4));
const __timeText = (t, f) => {
  const off = Math.trunc(__offsetAt(t) / 60000), a = Math.abs(off);
  return __pad(f.hours, 2) + ':' + __pad(f.minutes, 2) + ':' + __pad(f.seconds, 2) + ' GMT' + (off < 0 ? '-' : '+') + __pad(Math.trunc(a / 60), 2) + __pad(a % 60, 2) + ' (' + __zoneName(t, f) + ')';
};
const __dateString = (t) => { if (t !== t) return 'Invalid Date'; const f = __fields(t); return __dateText(f) + ' ' + __timeText(t, f); };
__defineProperty(__dp, 'toString', { value: __method('toString', 0, (self) => __dateString(__tv(self))), writable: true, configurable: true, enumerable: false });
__defineProperty(__dp, 'toDateString', { value: __method('toDateString', 0, (self) => { const t = __tv(self); return t !== t ? 'Invalid Date' : __dateText(__fields(t)); }), writable: true, configurable: true, enumerable: false });
__defineProperty(__dp, 'toTimeString', { value: __method('toTimeString', 0, (self) => { const t = __tv(self); return t !== t ? 'Invalid Date' : __timeText(t, __fields(t)); }), writable: true, configurable: true, enumerable: false });
for (const m of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
  const orig = __dp[m];
  __defineProperty(__dp, m, { value: __method(m, 0, (self, a) => {
    const o = Object.assign({}, a[1]);
    if (o.timeZone === undefined) o.timeZone = __tz;
    return orig.call(self, __locales(a[0]), o);
  }), writable: true, configurable: true, enumerable: false });
}

// Parsing: strings without an offset are local time. V8 read them in the process's zone; undo that
// and read them in the episode's. ISO date-only forms and anything naming a zone are absolute.
const __absolute = /^\\s*([+-]\\d{6}|\\d{4})(-\\d\\d){0,2}\\s*$|\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*(Z|[+-]\\d\\d(:?\\d\\d)?)\\s*(\\([^)]*\\))?\\s*$|\\b(UTC?|GMT|Z|[ECMP][SD]T)\\b/i;
const __parseText = (s) => {
  const v = __realParse(s);
  if (v !== v || __absolute.test(s)) return v;
  return __fromLocal(v - __hostOffsetMin.call(new __RealDate(v)) * 60000);
};
// ToPrimitive with the default hint, as the Date constructor applies it to its one argument.
const __toPrimitive = (v) => {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
  const ex = v[Symbol.toPrimitive];
  if (ex !== undefined && ex !== null) {
    const r = ex.call(v, 'default');
    if (r !== null && (typeof r === 'object' || typeof r === 'function')) throw new TypeError('Cannot convert object to primitive value');
    return r;
  }
  for (const k of ['valueOf', 'toString']) {
    const f = v[k];
    if (typeof f === 'function') { const r = f.call(v); if (r === null || (typeof r !== 'object' && typeof r !== 'function')) return r; }
  }
  throw new TypeError('Cannot convert object to primitive value');
};
// The time value \`new Date(...a)\` gets (a.length > 0).
const __timeFromArgs = (a) => {
  if (a.length > 1) return __fromLocal(__realUTC(...a));
  const v = a[0];
  if (v !== null && typeof v === 'object') { try { return __tv(v); } catch {} }
  const p = __toPrimitive(v);
  return typeof p === 'string' ? __parseText(p) : p;
};
__defineProperty(__FakeDate, 'parse', { value: __method('parse', 1, (_self, a) => __parseText(String(a[0]))), writable: true, configurable: true });
`;
