import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostPool, Sandbox } from '@glasshouse/sandbox';
import type { JsonValue, SandboxResult } from '@glasshouse/sandbox';

// Hostile inputs against the isolate. Each case shows the host survives, nothing leaks, and the
// sandbox is usable afterwards. Time bounds are generous upper bounds that prove "did not hang".
const make = (extra: Parameters<typeof Sandbox.create>[0] = {}) =>
  Sandbox.create({ cpuTimeoutMs: 200, wallTimeoutMs: 1500, hostCallTimeoutMs: 300, memoryLimitMb: 32, maxOutputBytes: 4096, ...extra });

async function stillWorks(sb: Sandbox): Promise<void> {
  const r = await sb.runScript('6 * 7');
  expect(r).toMatchObject({ ok: true, value: 42 });
}
const err = (r: SandboxResult) => (r.ok ? null : r.error.code);

describe('sandbox: hostile inputs', () => {
  it('stops an infinite loop (sync and after await) and recovers', async () => {
    const sb = await make();
    expect(err(await sb.runScript('while (true) {}'))).toBe('SANDBOX_TIMEOUT');
    await stillWorks(sb);
    expect(err(await sb.runScript('await Promise.resolve(); while (true) {}'))).toBe('SANDBOX_TIMEOUT');
    await stillWorks(sb);
    sb.dispose();
  });

  it('kills allocation bombs without hurting the host', async () => {
    // Time enough to reach the memory limit even on a loaded machine (a CPU timeout would hide it).
    const sb = await make({ cpuTimeoutMs: 5000, wallTimeoutMs: 8000 });
    const before = process.memoryUsage().rss;
    expect(err(await sb.runScript('const a = []; while (true) a.push(new Array(1e5).fill(7));'))).toBe('SANDBOX_MEMORY');
    const created = sb.isolatesCreated;
    await stillWorks(sb);
    expect(sb.isolatesCreated).toBe(created + 1); // a fresh isolate replaced the killed one
    const s = await sb.runScript('let s = "x"; try { while (true) s += s; } catch (e) { e.name }');
    expect(s.ok ? s.value : s.error.code).toMatch(/RangeError|SANDBOX_MEMORY/);
    const t = await sb.runScript('try { new Uint8Array(2 ** 31) ; "allocated" } catch (e) { e.name }');
    expect(t.ok ? t.value : t.error.code).not.toBe('allocated');
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 2 ** 20);
    sb.dispose();
  });

  it('has no WebAssembly, so wasm memory cannot escape the heap limit', async () => {
    const sb = await make();
    expect(await sb.runScript('typeof WebAssembly')).toMatchObject({ ok: true, value: 'undefined' });
    expect(err(await sb.runScript('new WebAssembly.Memory({ initial: 1024 })'))).toBe('SANDBOX_ERROR');
    sb.dispose();
  });

  it('caps huge console output and huge results', async () => {
    const sb = await make();
    const logs = await sb.runScript('for (let i = 0; i < 1e5; i++) console.log("line", i); "done"');
    expect(logs.ok && logs.value).toBe('done');
    expect(logs.truncated).toBe(true);
    expect(logs.logs.length).toBeLessThanOrEqual(4096);
    const big = await sb.runScript('"y".repeat(10 ** 7)');
    expect(err(big)).toBe('SANDBOX_OUTPUT_LIMIT');
    await stillWorks(sb);
    sb.dispose();
  });

  it('exposes no process, require, import or host filesystem', async () => {
    const sb = await make();
    for (const code of [
      'typeof process',
      'typeof require',
      'typeof globalThis.constructor.constructor("return this")().process',
      'this.constructor.constructor("return typeof process")()',
      '(() => {}).constructor("return typeof require")()',
    ]) {
      const r = await sb.runScript(code);
      expect(r.ok && r.value, code).toBe('undefined');
    }
    expect(err(await sb.runScript('import("node:fs")'))).toBe('SANDBOX_ERROR');
    expect(err(await sb.runScript('await import("fs")'))).toBe('SANDBOX_ERROR');
    sb.dispose();
  });

  it('does not let prototype pollution cross the bridge in either direction', async () => {
    let received: unknown;
    const sb = await make({ bridge: { take: (v) => ((received = v), 'ok'), give: () => ({ safe: true }) } });
    await sb.runScript('Object.prototype.polluted = "yes"; Array.prototype.evil = 1; host.take(JSON.parse(\'{"__proto__": {"polluted": "deep"}}\'))');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).evil).toBeUndefined();
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype);
    const r = await sb.runScript('const g = host.give(); g.__proto__.hacked = 1; Object.keys(g).join()');
    expect(r.ok && r.value).toBe('safe');
    expect(({} as Record<string, unknown>).hacked).toBeUndefined();
    const esc = await sb.runScript('host.give.constructor("return process")()');
    expect(esc.ok ? esc.value : esc.error.message).toMatch(/process is not defined/);
    sb.dispose();
  });

  it('survives a host promise that never settles, and a host function that throws', async () => {
    const calls: string[] = [];
    const sb = await make({
      bridge: {
        never: () => new Promise(() => undefined),
        boom: () => {
          throw new Error('disk on fire at /etc/secret');
        },
      },
      onBridgeCall: (e) => calls.push(`${e.fn}:${e.ok}`),
    });
    const t0 = performance.now();
    const r = await sb.runScript('host.never()');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.ok ? null : r.error.message).toMatch(/timed out/);
    const b = await sb.runScript(
      'try { host.boom() } catch (e) { [e instanceof Error, e.message, typeof e.stack === "string" && e.stack.includes("sandbox.ts")] }',
    );
    expect(b.ok && b.value).toEqual([true, 'disk on fire at /etc/secret', false]);
    expect(calls).toEqual(['boom:false']); // the never-settling call never reported success
    await stillWorks(sb);
    sb.dispose();
  });

  it('returns control when a host function stays busy (wall watchdog)', async () => {
    const sb = await make({ wallTimeoutMs: 400, hostCallTimeoutMs: 5000, bridge: { slow: () => new Promise((res) => setTimeout(() => res('late'), 3000)) } });
    const t0 = performance.now();
    const r = await sb.runScript('host.slow()');
    expect(performance.now() - t0).toBeLessThan(2500);
    expect(err(r)).toBe('SANDBOX_TIMEOUT');
    await stillWorks(sb);
    sb.dispose();
  });

  it('rejects oversized bridge arguments, recursion bombs and cyclic results', async () => {
    const sb = await make({ maxArgBytes: 1000, bridge: { echo: (v) => v } });
    const big = await sb.runScript('try { host.echo("z".repeat(5000)) } catch (e) { e.message }');
    expect(big.ok && big.value).toMatch(/exceed/);
    const rec = await sb.runScript('const f = () => f(); try { f() } catch (e) { e.name }');
    expect(rec.ok && rec.value).toBe('RangeError');
    const cyc = await sb.runScript('const o = {}; o.o = o; o');
    expect(cyc.ok ? null : cyc.error.message).toMatch(/not JSON-serialisable/);
    sb.dispose();
  });

  it('creates and disposes 50 sandboxes in a row', async () => {
    for (let i = 0; i < 50; i++) {
      const sb = await Sandbox.create();
      expect(await sb.runScript(`${i} + 1`)).toMatchObject({ ok: true, value: i + 1 });
      sb.dispose();
      sb.dispose();
      expect(err(await sb.runScript('1'))).toBe('SANDBOX_DISPOSED');
    }
  });
});

describe('sandbox: normal use', () => {
  it('runs code with console capture, sync and async bridge calls, and reports each call', async () => {
    const seen: string[] = [];
    const sb = await make({
      bridge: { add: (a, b) => Number(a) + Number(b), later: async (x) => `later:${String(x)}` },
      onBridgeCall: (e) => seen.push(`${e.fn}(${JSON.stringify(e.args)})`),
    });
    const r = await sb.runScript('console.log("sum", host.add(2, 3)); return { a: host.add(1, 1), b: await host.later(7) }');
    expect(r).toMatchObject({ ok: true, value: { a: 2, b: 'later:7' }, logs: 'sum 5\n' });
    expect(seen).toEqual(['add([2,3])', 'add([1,1])', 'later([7])']);
    sb.dispose();
  });

  it('runs service logic with state in and out', async () => {
    const sb = await make();
    const r = await sb.runFunction('(input, state) => ({ state: { n: state.n + input.k }, result: "ok" })', [{ k: 2 }, { n: 40 }]);
    expect(r).toMatchObject({ ok: true, value: { state: { n: 42 }, result: 'ok' } });
    expect(err(await sb.runFunction('42', []))).toBe('SANDBOX_ERROR');
    sb.dispose();
  });

  it('is deterministic with injected random and clock', async () => {
    const run = async () => {
      const sb = await make({ seed: 7, now: () => Date.UTC(2025, 0, 2) });
      const r = await sb.runScript('[Math.random(), Math.random(), Date.now(), new Date().toISOString()]');
      sb.dispose();
      return r;
    };
    const a = await run();
    expect(a).toEqual(await run());
    // The virtual clock starts at the injected time and moves one millisecond per reading.
    expect(a.ok && (a.value as unknown[])[2]).toBe(Date.UTC(2025, 0, 2));
    expect(a.ok && (a.value as unknown[])[3]).toBe('2025-01-02T00:00:00.001Z');
  });
});

describe('sandbox: the host process shows through nothing (zone, locale, emulator)', () => {
  const FOREIGN = { TZ: 'Asia/Kolkata', LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' };
  const PROBE = readFileSync(join(import.meta.dirname, 'fixtures/isolate-probe.js'), 'utf8');
  const bridge = {
    readFile: (p: JsonValue) => {
      if (typeof p !== 'string') throw new Error('path must be a string');
      return '';
    },
  };
  const pools: HostPool[] = [];
  afterAll(() => {
    for (const p of pools) p.shutdown();
  });
  const inPool = async (env: Record<string, string> | undefined, extra: Parameters<typeof Sandbox.create>[0] = {}) => {
    const pool = new HostPool({ size: 1, ...(env ? { env } : {}) });
    pools.push(pool);
    return Sandbox.create({ now: () => Date.UTC(2025, 2, 11, 9, 14), bridge, ...extra }, pool);
  };
  const probe = async (env: Record<string, string> | undefined, extra: Parameters<typeof Sandbox.create>[0] = {}) => {
    const sb = await inPool(env, extra);
    const r = await sb.runScript(PROBE);
    sb.dispose();
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return r.logs;
  };

  it('local time, parsing, collation, number formats and Intl defaults are the same under a foreign host zone and locale', async () => {
    const plain = await probe(undefined);
    expect(await probe(FOREIGN)).toBe(plain);
    const p = JSON.parse(plain) as Record<string, unknown[]>;
    expect(p.dateText?.[1]).toBe('Tue Mar 11 2025 10:30:15 GMT+0000 (Coordinated Universal Time)');
    expect(p.getters?.slice(0, 3)).toEqual([0, 0, 10]);
    expect(p.numbers?.[0]).toBe('1,234,567.891');
    expect(p.collation?.[0]).toBe('a,å,ä,aa,æ,b,ø,Z');
    expect(p.intlDefaults?.slice(1, 11)).toEqual([
      'en-US',
      expect.objectContaining({ locale: 'en-US' }),
      'en',
      'en-US',
      'en-US',
      'en-US',
      'en-US',
      'en-US',
      'en-US',
      'en-US',
    ]);
    // An episode in another zone and locale: the same again, whatever the host, and in that zone.
    const kolkata = { timeZone: 'Asia/Kolkata', locale: 'en-GB' };
    const k = await probe(undefined, kolkata);
    expect(await probe({ ...FOREIGN, TZ: 'America/New_York' }, kolkata)).toBe(k);
    const kp = JSON.parse(k) as Record<string, unknown[]>;
    expect(kp.dateText?.[1]).toBe('Tue Mar 11 2025 10:30:15 GMT+0530 (India Standard Time)');
    expect(kp.getters?.slice(0, 3)).toEqual([-330, -330, 10]);
    expect(kp.ctorLocal?.[0]).toBe(Date.UTC(2025, 2, 11, 5, 0, 15, 250));
  });

  it('local time in an episode zone is what V8 gives natively in that zone (DST gaps and overlaps, local mean time, the ends of the range)', async () => {
    const exprs = [
      'new Date(2025, 2, 9, 2, 30).getTime()',
      'new Date(2025, 10, 2, 1, 30).getTime()',
      'new Date(2025, 2, 9, 1, 59, 59).toString()',
      'new Date(2025, 2, 9, 3, 0).toString()',
      'new Date(Date.UTC(2025, 2, 9, 7, 0)).getHours()',
      'new Date(Date.UTC(2025, 10, 2, 6, 0)).getTimezoneOffset()',
      'new Date(Date.UTC(2025, 10, 2, 5, 59)).getTimezoneOffset()',
      'new Date(Date.UTC(1850, 0, 1)).toString()',
      'new Date(Date.UTC(1850, 0, 1)).getTimezoneOffset()',
      'new Date(-1e14).toString()',
      'new Date(8.64e15).toString()',
      'new Date(-8.64e15).toString()',
      'new Date(NaN).toString()',
      'new Date(NaN).getHours()',
      'new Date(NaN).setFullYear(2020)',
      '(() => { const d = new Date(2025, 0, 31); d.setMonth(1); return d.toString() })()',
      '(() => { const d = new Date(2025, 2, 8, 2, 30); d.setDate(9); return d.getTime() })()',
      '(() => { const d = new Date(0); d.setYear(99); return d.toString() })()',
      'new Date(0).getYear()',
      'Date.parse("2025-03-09T02:30")',
      'Date.parse("2025-11-02 01:30")',
      'Date.parse("Nov 2, 2025 01:30:00")',
      'Date.parse("2025-07-01")',
      'Date.parse("Tue Jul 01 2025 12:00:00 GMT-0400 (Eastern Daylight Time)")',
      'new Date("2025-07-01T12:00:00").getTime()',
      'new Date(2025, 6).toDateString()',
      'new Date(Date.UTC(2025, 6, 1, 3)).toTimeString()',
      'new Date(5, 0, 1).getFullYear()',
      'new Date(Date.UTC(-5, 0, 1, 12)).toString()',
      'new Date(2025, 0, 1, 0, 0, 0, -1).getMilliseconds()',
      'new Date(1e12).getDay()',
    ];
    for (const zone of ['America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London', 'UTC']) {
      const native = spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(${JSON.stringify(exprs)}.map((e) => String(eval(e)))))`], {
        env: { TZ: zone, LANG: 'C', LC_ALL: 'C', PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });
      const sb = await inPool(undefined, { timeZone: zone, locale: 'en-US' });
      const r = await sb.runScript(`${JSON.stringify(exprs)}.map((e) => String((0, eval)(e)))`);
      sb.dispose();
      expect(r.ok ? r.value : r, zone).toEqual(JSON.parse(native.stdout));
    }
  });

  it('stack traces and error texts look like plain V8: no prepareStackTrace, no emulator or prelude frames', async () => {
    const sb = await inPool(FOREIGN);
    const run = async (code: string) => {
      const r = await sb.runScript(code);
      return r.ok ? r.value : r.error.message;
    };
    expect(await run('[typeof Error.prepareStackTrace, "prepareStackTrace" in Error, typeof Error.captureStackTrace]')).toEqual([
      'undefined',
      false,
      'function',
    ]);
    // The run's helpers are no globals, apart from the two the agent's script itself calls.
    expect(await run('Object.getOwnPropertyNames(globalThis).filter((n) => n.startsWith("__"))')).toEqual(['__caught', '__hold']);
    expect(await run('try { host.readFile(42) } catch (e) { e.stack }')).toBe('Error: path must be a string\n    at script.js:1:12');
    expect(await run('const o = {}; Error.captureStackTrace(o); o.stack')).toBe('Error\n    at script.js:1:21');
    expect(await run('function f() { return new Error("x").stack }\nf()')).toBe('Error: x\n    at f (script.js:1:23)\n    at script.js:2:1');
    // Code that installs its own formatter sees its own frames, all in script.js (only a call back
    // from inside a replaced built-in also shows that built-in's frames, in no emulator's file).
    const files = await run(
      'Error.prepareStackTrace = (e, fs) => fs.map((f) => f.getFileName()); const a = []; try { host.readFile(1) } catch (e) { a.push(...e.stack) } a.push(...new Error().stack); try { new Date(0).setHours({ valueOf() { throw new Error("v") } }) } catch (e) { a.push("|", ...e.stack) } delete Error.prepareStackTrace; a.join()',
    );
    expect(files).toMatch(/^script\.js,script\.js,\|,script\.js,(<builtin>,|,)+script\.js$/);
    // An error leaving a replaced built-in shows it as V8 shows a built-in.
    const viaDate = await run('try { new Date(0).setHours({ valueOf() { throw new RangeError("v") } }) } catch (e) { e.stack }');
    expect(viaDate).toBe('RangeError: v\n    at Object.valueOf (script.js:1:48)\n    at Date.setHours (<anonymous>)\n    at script.js:1:19');
    const viaIntl = await run('try { new Intl.DateTimeFormat("en", { timeZone: "Nowhere/City" }) } catch (e) { e.stack }');
    expect(viaIntl).toBe('RangeError: Invalid time zone specified: Nowhere/City\n    at new DateTimeFormat (<anonymous>)\n    at script.js:1:7');
    const texts = [
      viaDate,
      viaIntl,
      await run('syntax error here'),
      await run('throw 42'),
      await run('Promise.reject(new RangeError("r"))'),
      await run('await 1; null.x'),
      await run('const f = () => f(); try { f() } catch (e) { e.stack.split("\\n").slice(0, 3).join("\\n") }'),
    ];
    expect(texts.slice(2, 6)).toEqual([
      "SyntaxError: Unexpected identifier 'error'",
      '42',
      'RangeError: r',
      "TypeError: Cannot read properties of null (reading 'x')",
    ]);
    for (const t of texts) expect(String(t)).not.toMatch(/isolated-vm|<isolated|executionLimits|<builtin>|prelude|__/);
    sb.dispose();
  });

  it('agent code keeps eval semantics: let/const stay in the run, var and functions persist, "use strict" holds', async () => {
    const sb = await inPool(undefined);
    expect(await sb.runScript('let a = 1; const b = 2; var c = 3; function d() { return 4 } a + b')).toMatchObject({ ok: true, value: 3 });
    expect(await sb.runScript('let a = 10; [a, typeof b, c, d()]')).toMatchObject({ ok: true, value: [10, 'undefined', 3, 4] });
    expect(await sb.runScript('"use strict"; undeclared = 1')).toMatchObject({ ok: false, error: { message: 'ReferenceError: undeclared is not defined' } });
    expect(await sb.runScript('const x = await Promise.resolve(5); return x + c')).toMatchObject({ ok: true, value: 8 });
    sb.dispose();
  });
});
