import { twentyStepTurns } from './twenty-step-turns';
import { createClock, DEFAULT_EPISODE_START } from '@glasshouse/schema';
import { World } from '@glasshouse/world';
import { HostPool, Sandbox } from '@glasshouse/sandbox';
import { Episode, runEpisode, scriptedAgent } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { summarize, timeIt } from './stats';
import { bigWorldScenario } from './big-world-scenario';
import type { Summary } from './stats';

export interface Row {
  name: string;
  s: Summary;
  target?: string;
}

function seed1000(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let d = 0; d < 50; d++) {
    for (let f = 0; f < 20; f++) files[`/srv/data/dir${d}/file${f}.txt`] = `record ${d}-${f}\n`.repeat(8 + ((d * 20 + f) % 100));
  }
  return files;
}

/** Issue #2 benchmarks: world, isolate, tool calls, bridged calls, a 20-step episode, memory per live episode. */
export async function benchFoundation(opts: { quick: boolean }): Promise<{ rows: Row[]; memory: string[] }> {
  const n = opts.quick ? 20 : 100;
  const scenario = findScenario('oversight-subversion');
  if (!scenario) throw new Error('oversight-subversion scenario missing');
  const rows: Row[] = [];
  const files = seed1000();
  rows.push({
    name: 'world from a 1,000-file seed',
    s: await timeIt(Math.max(10, n / 5), () => World.create({ files }, { clock: createClock(DEFAULT_EPISODE_START) })),
  });
  // Agent code runs in isolates inside supervised host processes (the default); `inline` is the
  // in-process fast path, kept for trusted code. The pool's processes are started once and reused.
  await (await Sandbox.create({ group: 'bench-warm' })).runScript('1');
  const createRunDispose = (host: 'process' | 'inline') => async () => {
    const sb = await Sandbox.create({ host, group: 'bench-create' });
    await sb.runScript('1');
    sb.dispose();
  };
  rows.push({
    name: 'host process cold start (fork → first run done)',
    s: await timeIt(
      opts.quick ? 3 : 10,
      async () => {
        const pool = new HostPool({ size: 1 });
        const sb = await Sandbox.create({}, pool);
        await sb.runScript('1');
        pool.shutdown();
      },
      1,
    ),
  });
  rows.push({ name: 'isolate create + first run + dispose (host process)', s: await timeIt(n, createRunDispose('process')) });
  rows.push({ name: 'isolate create + first run + dispose (inline)', s: await timeIt(n, createRunDispose('inline')) });
  const fresh: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    const ep = await Episode.start(scenario, { seed: i });
    const sb = await Sandbox.create({ group: `bench-fresh-${i}` });
    await sb.runScript('1');
    const dt = performance.now() - t0;
    if (i >= 10) fresh.push(dt);
    sb.dispose();
    await ep.end();
  }
  rows.push({ name: 'fresh episode: world + header + isolate (first run)', s: summarize(fresh), target: '< 5 ms' });
  rows.push({ name: 'episode end: snapshot + 3 detectors', s: await timeIt(n, async () => (await Episode.start(scenario, { seed: 1 })).end()) });
  // Issue #15 target 3: start and end in a 10,000-file world once its variant is built (the first
  // start builds it; the rows time the ones after). Each episode appends one line to a file.
  const big = bigWorldScenario(10_000);
  await (await Episode.start(big, { seed: 0 })).end();
  const bigStart: number[] = [];
  const bigEnd: number[] = [];
  for (let i = 0; i < Math.max(10, n / 5); i++) {
    const t0 = performance.now();
    const e = await Episode.start(big, { seed: i });
    bigStart.push(performance.now() - t0);
    await e.call('bash', { command: 'echo more >> /srv/data/d0/f0.txt' });
    const t1 = performance.now();
    await e.end();
    bigEnd.push(performance.now() - t1);
  }
  rows.push({ name: 'episode start in a 10,000-file world (variant built)', s: summarize(bigStart), target: '< 20 ms' });
  rows.push({ name: 'episode end in a 10,000-file world (one file changed)', s: summarize(bigEnd) });
  const ep = await Episode.start(scenario, { seed: 1 });
  rows.push({
    name: 'bash tool call (cat | grep)',
    s: await timeIt(n * 5, () => ep.call('bash', { command: 'cat /home/user/project/oversight_config.yaml | grep oversight' })),
    target: '< 1 ms',
  });
  rows.push({
    name: 'file tool call (read_file)',
    s: await timeIt(n * 5, () => ep.call('read_file', { path: '/home/user/project/oversight_config.yaml' })),
    target: '< 1 ms',
  });
  rows.push({
    name: 'file tool call (write_file)',
    s: await timeIt(n * 5, () => ep.call('write_file', { path: '/home/user/notes.txt', content: 'hello\n' })),
    target: '< 1 ms',
  });
  for (const host of ['process', 'inline'] as const) {
    const sb = await Sandbox.create({ host, group: 'bench-bridge', bridge: { add: (a, b) => Number(a) + Number(b) } });
    await sb.runScript('1');
    rows.push({ name: `isolate run, no bridged call (${host})`, s: await timeIt(n * 5, () => sb.runScript('1 + 2')) });
    rows.push({ name: `isolate run with 1 bridged call (${host})`, s: await timeIt(n * 5, () => sb.runScript('host.add(1, 2)')) });
    const thousand = await timeIt(n, () => sb.runScript('let s = 0; for (let i = 0; i < 1000; i++) s = host.add(s, i); s'));
    rows.push({ name: `isolate run with 1,000 bridged calls (${host})`, s: thousand });
    rows.push({ name: `one bridged call, from 1,000 in a run (${host})`, s: perCall(thousand, 1000), target: '< 1 ms' });
    sb.dispose();
  }
  const wfile = await Episode.start(scenario, { seed: 2 });
  await wfile.call('run_js', { code: '1' });
  rows.push({
    name: 'run_js tool call with 1 file read (host process)',
    s: await timeIt(n * 2, () => wfile.call('run_js', { code: "host.readFile('/home/user/project/oversight_config.yaml').length" })),
  });
  await wfile.end();
  await ep.end();
  const turns = twentyStepTurns();
  rows.push({
    name: 'scripted 20-step episode (end to end)',
    s: await timeIt(Math.max(5, n / 5), () => runEpisode(scenario, scriptedAgent('bench', turns), { seed: 1, interview: false })),
  });

  const memory: string[] = [];
  const live = opts.quick ? 100 : 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const eps: { ep: Episode; sb: Sandbox }[] = [];
  for (let i = 0; i < live; i++) {
    const e = await Episode.start(scenario, { seed: i });
    await e.call('bash', { command: 'cat /home/user/project/oversight_config.yaml' });
    // inline, so the isolate's memory is counted in this process (in host processes it would be spread over the pool)
    const s = await Sandbox.create({ host: 'inline', memoryLimitMb: 32 });
    await s.runScript('1 + 1');
    eps.push({ ep: e, sb: s });
  }
  gc?.();
  const after = process.memoryUsage();
  const perRss = (after.rss - before.rss) / live / 2 ** 20;
  const perHeap = (after.heapUsed - before.heapUsed) / live / 2 ** 20;
  memory.push(`| live episodes (world + shell used + isolate) | ${live} |`);
  memory.push(`| RSS per live episode | ${perRss.toFixed(2)} MiB |`);
  memory.push(`| JS heap per live episode | ${perHeap.toFixed(2)} MiB |`);
  memory.push(`| projected RSS for 1,000 live episodes | ${((perRss * 1000) / 1024).toFixed(2)} GiB (target < 4 GB) |`);
  for (const { ep: e, sb: s } of eps) {
    s.dispose();
    await e.end();
  }
  return { rows, memory };
}

/** Per-call figures from runs of `calls` calls each (run overhead included, so an upper bound). */
function perCall(s: Summary, calls: number): Summary {
  const scale = (v: number) => v / calls;
  return { ...s, median: scale(s.median), p10: scale(s.p10), p90: scale(s.p90), min: scale(s.min), max: scale(s.max) };
}
