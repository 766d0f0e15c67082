import { afterAll, describe, expect, it } from 'vitest';
import { HostPool, Sandbox } from '@glasshouse/sandbox';
import type { SandboxResult } from '@glasshouse/sandbox';

// Attacks that used to take the whole Node process down or freeze it. Agent code now runs in
// supervised host processes: each attack costs at most its own run, never this (the test) process.
const pool = new HostPool({ size: 3, killGraceMs: 500 });
afterAll(() => pool.shutdown());
const make = (group: string, extra: Parameters<typeof Sandbox.create>[0] = {}) =>
  Sandbox.create({ group, cpuTimeoutMs: 2000, wallTimeoutMs: 3000, memoryLimitMb: 32, ...extra }, pool);
const err = (r: SandboxResult) => (r.ok ? null : r.error.code);

describe('sandbox host processes: attacks cost one run, never the host', () => {
  it('an unbounded Map (fatal V8 out-of-memory) kills only its own process; other episodes keep their state', async () => {
    const victim = await make('episode-a', { cpuTimeoutMs: 5000, wallTimeoutMs: 8000 });
    const bystander = await make('episode-b');
    expect(victim.pid).not.toBe(bystander.pid);
    expect(victim.pid).not.toBe(process.pid);
    await bystander.runScript('globalThis.kept = 41');
    const before = victim.pid;
    const r = await victim.runScript('const m = new Map(); let i = 0; while (true) m.set(i++, { i });');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Either the isolate limit caught it, or V8 aborted the host process: never this process.
    expect(r.error.code).toBe('SANDBOX_MEMORY');
    expect(r.error.message).toMatch(/out of memory/);
    if (r.fault) expect(r.fault.outOfMemory).toBe(true);
    expect(await victim.runScript('6 * 7')).toMatchObject({ ok: true, value: 42 });
    if (r.fault) expect(victim.pid).not.toBe(before);
    expect(await bystander.runScript('kept + 1')).toMatchObject({ ok: true, value: 42 });
    victim.dispose();
    bystander.dispose();
  });

  it('a host process killed mid-run for no reason of its own is an unexplained crash (SANDBOX_CRASHED), and is replaced', async () => {
    const sb = await make('episode-killed', { bridge: { kill: () => (process.kill(sb.pid as number, 'SIGKILL'), 'sent') } });
    const pid = sb.pid;
    const r = await sb.runScript('host.kill(); while (true) {}');
    expect(err(r)).toBe('SANDBOX_CRASHED');
    expect(r.ok ? null : r.error.message).toMatch(/stopped unexpectedly \(signal SIGKILL\)/);
    expect(r.ok ? null : r.fault).toMatchObject({ signal: 'SIGKILL', outOfMemory: false, overrun: false });
    expect(await sb.runScript('6 * 7')).toMatchObject({ ok: true, value: 42 });
    expect(sb.pid).not.toBe(pid);
    sb.dispose();
  });

  it('a frozen host process is killed from outside on wall-time overrun and replaced', async () => {
    const sb = await make('episode-frozen', { wallTimeoutMs: 300 });
    const pid = sb.pid as number;
    process.kill(pid, 'SIGSTOP'); // stands in for a host thread that never returns: nothing inside can fire
    const t0 = performance.now();
    const r = await sb.runScript('1 + 1');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(err(r)).toBe('SANDBOX_TIMEOUT');
    expect(r.ok ? null : r.fault?.overrun).toBe(true);
    expect(await sb.runScript('6 * 7')).toMatchObject({ ok: true, value: 42 });
    expect(sb.pid).not.toBe(pid);
    sb.dispose();
  });

  it('Atomics.waitAsync inside a bridged call and a FinalizationRegistry busy loop cannot reach the host', async () => {
    const sb = await make('episode-atomics', { bridge: { later: async () => 'y', now: () => 'x' } });
    const pid = sb.pid;
    const wait = await sb.runScript(
      'const ia = new Int32Array(new SharedArrayBuffer(16)); const w = Atomics.waitAsync(ia, 0, 0, 10); host.later(); host.now(); await w.value',
    );
    expect(wait.ok ? 'ran' : wait.error.message).toMatch(/waitAsync is not a function/);
    const fin = await sb.runScript('const r = new FinalizationRegistry(() => { while (true) {} }); for (let i = 0; i < 1e5; i++) r.register({ a: [i] }, i); 1');
    expect(fin.ok ? 'ran' : fin.error.message).toMatch(/FinalizationRegistry is not defined/);
    expect(await sb.runScript('typeof Atomics.wait')).toMatchObject({ ok: true, value: 'undefined' });
    expect(await sb.runScript('host.now()')).toMatchObject({ ok: true, value: 'x' });
    expect(sb.pid).toBe(pid);
    sb.dispose();
  });

  it('runs overlapping calls one at a time: each gets its own console output and bridged calls', async () => {
    const seen: string[] = [];
    const sb = await make('episode-concurrent', { bridge: { tag: (t) => t }, onBridgeCall: (e) => seen.push(String(e.args[0])) });
    const [a, b] = await Promise.all([
      sb.runScript('for (let i = 0; i < 3; i++) { console.log("A" + i); host.tag("A" + i); } "a"'),
      sb.runScript('for (let i = 0; i < 3; i++) { console.log("B" + i); host.tag("B" + i); } "b"'),
    ]);
    expect(a).toMatchObject({ ok: true, value: 'a', logs: 'A0\nA1\nA2\n' });
    expect(b).toMatchObject({ ok: true, value: 'b', logs: 'B0\nB1\nB2\n' });
    expect(seen).toEqual(['A0', 'A1', 'A2', 'B0', 'B1', 'B2']);
    sb.dispose();
  });

  it('caps bridged calls per run', async () => {
    let n = 0;
    const sb = await make('episode-flood', { maxBridgeCalls: 500, bridge: { ping: () => ++n } });
    const r = await sb.runScript('let k = 0; try { for (let i = 0; i < 1e5; i++) k = host.ping(); } catch (e) { [k, e.message] }');
    expect(r).toMatchObject({ ok: true, value: [500, expect.stringMatching(/too many host calls/)] });
    expect(n).toBe(500);
    sb.dispose();
  });
});

describe('sandbox: nothing of the host leaks in', () => {
  it('every path to Date, Intl and performance gives the episode clock, zone and locale', async () => {
    const start = Date.UTC(2025, 2, 11, 9, 14, 0);
    const sb = await make('episode-time', { now: () => start, timeZone: 'Asia/Kolkata', locale: 'en-GB' });
    const r = await sb.runScript(`[
      Object.getPrototypeOf(Date).name === '',
      Object.getPrototypeOf(Date) === Function.prototype,
      new Date.prototype.constructor().getUTCFullYear(),
      new (Object.getOwnPropertyDescriptor(globalThis, 'Date').value)().getUTCFullYear(),
      Date().includes('2025'),
      new Intl.DateTimeFormat().resolvedOptions().timeZone,
      new Intl.DateTimeFormat().resolvedOptions().locale,
      Intl.DateTimeFormat().format(),
      new Intl.DateTimeFormat('en-US', { year: 'numeric' }).formatToParts()[0].value,
      new Date(0).toLocaleString().includes('05:30'),
      typeof performance.now(),
      String(Date),
      new (class Later extends Date {})().getUTCFullYear(),
    ]`);
    expect(r).toMatchObject({
      ok: true,
      value: [
        true,
        true,
        2025,
        2025,
        true,
        expect.stringMatching(/^Asia\/(Kolkata|Calcutta)$/),
        'en-GB',
        '11/03/2025',
        '2025',
        true,
        'number',
        'function Date() { [native code] }',
        2025,
      ],
    });
    sb.dispose();
  });

  it('seeds Math.random: same seed, same numbers; another seed, others', async () => {
    const draw = async (seed: number) => {
      const sb = await make(`episode-rand-${seed}`, { seed });
      const r = await sb.runScript('[Math.random(), Math.random()]');
      sb.dispose();
      return r.ok ? r.value : null;
    };
    const a = await draw(1);
    expect(await draw(1)).toEqual(a);
    expect(await draw(2)).not.toEqual(a);
  });

  it('error texts and stack traces name no emulator or host frames', async () => {
    const sb = await make('episode-errors', {
      bridge: {
        boom: () => {
          throw new Error('disk on fire');
        },
      },
    });
    const texts: string[] = [];
    for (const code of [
      'const f = () => f(); try { f() } catch (e) { e.stack }',
      'new Error("x").stack',
      'try { host.boom() } catch (e) { e.stack }',
      'function g() { throw new TypeError("bad") }\ng()',
      'null.x',
      'syntax error here',
    ]) {
      const r = await sb.runScript(code);
      texts.push(r.ok ? String(r.value) : r.error.message);
    }
    for (const t of texts) {
      expect(t).not.toMatch(/isolated-vm|<isolated|executionLimits|ivm|sandbox\.ts|prelude/i);
    }
    expect(texts[1]).toBe('Error: x\n    at script.js:1:1');
    expect(texts[3]).toBe('TypeError: bad');
    sb.dispose();
  });
});
