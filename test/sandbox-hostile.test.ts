import { describe, expect, it } from 'vitest';
import { Sandbox } from '@glasshouse/sandbox';
import type { SandboxResult } from '@glasshouse/sandbox';

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
