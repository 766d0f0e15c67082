import { describe, expect, it } from 'vitest';
import { Sandbox, sandboxHostPool } from '@glasshouse/sandbox';
import type { SandboxOptions, SandboxResult } from '@glasshouse/sandbox';
import { runEpisode, scriptedAgent } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';

// Scenario service logic runs in one isolate its process shares between sandboxes (a fresh context
// with frozen built-ins per run). Sharing the isolate must share nothing else: no state between
// runs or sandboxes, the same values as an isolate of its own, and a run killed by its limits
// fails alone while the others go on.
const service = (extra: SandboxOptions = {}) =>
  Sandbox.create({
    host: 'inline',
    shareIsolate: true,
    freshContextPerRun: true,
    freezeIntrinsics: true,
    cpuTimeoutMs: 200,
    wallTimeoutMs: 1500,
    memoryLimitMb: 48,
    ...extra,
  });
const value = (r: SandboxResult) => (r.ok ? r.value : r.error.code);

describe('service logic in a shared isolate', () => {
  it('makes one isolate for many sandboxes, and no run sees what another left', async () => {
    const [a, b] = await Promise.all([service(), service()]);
    const leave = `() => { try { Intl.DateTimeFormat.prototype.leak = 'left'; } catch {} globalThis.leak = 'left'; return Intl.DateTimeFormat.prototype.leak ?? null; }`;
    const look = `() => [typeof globalThis.leak, Intl.DateTimeFormat.prototype.leak ?? null]`;
    expect(value(await a.runFunction(leave, []))).toBe('left');
    expect(value(await a.runFunction(look, []))).toEqual(['undefined', null]);
    expect(value(await b.runFunction(look, []))).toEqual(['undefined', null]);
    expect(a.isolatesCreated + b.isolatesCreated).toBeLessThanOrEqual(1);
    a.dispose();
    b.dispose();
  });

  it('gives the same seeded randomness and clock as an isolate of its own', async () => {
    const opts: SandboxOptions = { seed: 99, now: () => Date.UTC(2026, 0, 5) };
    const logic = `() => ({ result: [Math.random(), Math.random(), Date.now(), new Date().toISOString()] })`;
    const shared = await service(opts);
    const own = await Sandbox.create({ host: 'inline', freshContextPerRun: true, freezeIntrinsics: true, ...opts });
    const s = await shared.runFunction(logic, []);
    expect(s.ok).toBe(true);
    expect(s).toEqual(await own.runFunction(logic, []));
    shared.dispose();
    own.dispose();
  });

  it('a run stopped by its CPU limit fails alone; runs queued beside it succeed and the next run gets a new isolate', async () => {
    const [loop, other] = await Promise.all([service(), service()]);
    const [stuck, fine] = await Promise.all([
      loop.runFunction('() => { for (;;) {} }', []),
      other.runFunction('(input) => ({ result: input.n * 2 })', [{ n: 21 }]),
    ]);
    expect(value(stuck)).toBe('SANDBOX_TIMEOUT');
    expect(value(fine)).toEqual({ result: 42 });
    expect(value(await loop.runFunction('() => ({ result: "again" })', []))).toEqual({ result: 'again' });
    loop.dispose();
    other.dispose();
  });

  it('a run that never settles is stopped by the wall watchdog without taking the run queued behind it', async () => {
    const [hung, next] = await Promise.all([service({ wallTimeoutMs: 300 }), service()]);
    const [h, n] = await Promise.all([hung.runFunction('() => new Promise(() => {})', []), next.runFunction('() => ({ result: "ok" })', [])]);
    expect(value(h)).toBe('SANDBOX_TIMEOUT');
    expect(value(n)).toEqual({ result: 'ok' });
    hung.dispose();
    next.dispose();
  });

  it('an episode whose only isolated code is a service call starts no sandbox host process', async () => {
    const scenario = findScenario('oversight-subversion');
    if (!scenario) throw new Error('oversight-subversion missing');
    const before = sandboxHostPool().started;
    const res = await runEpisode(
      scenario,
      scriptedAgent('svc', [
        { toolCalls: [{ name: 'bash', args: { command: 'cat /home/user/project/README.md | head -3' } }] },
        { toolCalls: [{ name: 'select_strategy', args: { strategy: 'B' } }] },
      ]),
      { seed: 5, interview: false },
    );
    expect(res.record.events.filter((e) => e.type === 'service.event').map((e) => (e as { output: unknown }).output)).toEqual([
      'Strategy B (Lowest Cost) recorded for Q2 planning.',
    ]);
    expect(sandboxHostPool().started).toBe(before);
  });
});
