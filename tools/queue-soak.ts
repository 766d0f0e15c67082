/**
 * Issue #13's done-when check, and the queue numbers in docs/benchmarks.md.
 *
 *   pnpm exec tsx tools/queue-soak.ts [--epochs 8] [--workers 4] [--kill 2] [--redis redis://…] [--keep]
 *
 * Runs a scripted matrix (every scenario × variant × {honest, covert} × epochs; 8 epochs = 2,176
 * episodes) twice through the real CLI: embedded (`glasshouse run`, no queue) and through the queue with
 * `--workers` worker processes, `--kill` of which are killed with SIGKILL at a third of the run and
 * started again. Checks: every episode recorded exactly once (one status line per episode, no failure),
 * records byte-identical to the embedded run's, and the same report numbers. Starts its own
 * redis-server (127.0.0.1, free port, own folder) unless --redis is given. Exits 1 on any mismatch.
 *
 *   pnpm exec tsx tools/queue-soak.ts --throughput 1,2,4 [--epochs 2]
 *
 * instead measures the queued run's rate with 1, 2 and 4 workers (concurrency 1 each) against the
 * embedded run in one process (--workers 0 --concurrency 1), same matrix.
 *
 *   pnpm exec tsx tools/queue-soak.ts --recovery [--lock-ms 3000]
 *
 * measures recovery: (a) a worker killed with SIGKILL while it holds episodes, a new one started at
 * once: seconds until records flow again; (b) the coordinator killed mid-run and the same command
 * started again: seconds until its first new record.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts')];
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] as string) : dflt;
};
const epochs = arg('epochs', process.argv.includes('--throughput') ? '2' : '8');
const nWorkers = Number(arg('workers', '4'));
const nKill = Number(arg('kill', '2'));
const MATRIX = ['--scenarios', '*', '--agent', 'scripted:honest', '--agent', 'scripted:covert', '--epochs', epochs];
const say = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

async function redisUrl(): Promise<string> {
  const given = arg('redis', '');
  if (given) return given;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gh-soak-redis-'));
  children.push(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'], { stdio: 'ignore' }));
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return `redis://127.0.0.1:${port}`;
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

function cli(args: string[], logTo?: string[]): ChildProcess {
  const c = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  c.stdout?.on('data', (d: Buffer) => logTo?.push(d.toString()));
  c.stderr?.on('data', (d: Buffer) => logTo?.push(d.toString()));
  children.push(c);
  return c;
}
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));
const records = (out: string) => {
  try {
    return readdirSync(join(out, 'records')).filter((f) => f.endsWith('.jsonl') && !f.startsWith('.'));
  } catch {
    return [];
  }
};
/** Report numbers without what names the folder. */
const reportNumbers = (out: string) =>
  JSON.stringify({ ...(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>), title: null });

async function embedded(extra: string[]): Promise<{ out: string; secs: number; log: string }> {
  const out = mkdtempSync(join(tmpdir(), 'gh-soak-embedded-'));
  const log: string[] = [];
  const t0 = performance.now();
  const code = await exited(cli(['run', ...MATRIX, '--out', out, ...extra], log));
  if (code !== 0) throw new Error(`embedded run failed:\n${log.join('')}`);
  return { out, secs: (performance.now() - t0) / 1000, log: log.join('') };
}

async function soak(): Promise<number> {
  const url = await redisUrl();
  say(`matrix: ${MATRIX.join(' ')}; redis ${url}; ${nWorkers} workers, ${nKill} killed mid-run`);
  const e = await embedded([]);
  const total = records(e.out).length;
  say(`embedded: ${total} episodes in ${e.secs.toFixed(1)} s`);
  const out = mkdtempSync(join(tmpdir(), 'gh-soak-queue-'));
  const wlog: string[] = [];
  const worker = () => cli(['worker', '--queue', url, '--concurrency', '2', '--lock-ms', '3000'], wlog);
  const workers = Array.from({ length: nWorkers }, worker);
  const clog: string[] = [];
  const t0 = performance.now();
  const coord = cli(['run', ...MATRIX, '--queue', url, '--out', out], clog);
  while (records(out).length < total / 3) {
    if (coord.exitCode !== null) throw new Error(`coordinator ended early:\n${clog.join('')}`);
    await sleep(50);
  }
  const killedAt = records(out).length;
  for (const w of workers.slice(0, nKill)) w.kill('SIGKILL');
  const tKill = performance.now();
  await sleep(1000);
  for (let i = 0; i < nKill; i++) workers.push(worker());
  const code = await exited(coord);
  const secs = (performance.now() - t0) / 1000;
  for (const w of workers) w.kill('SIGKILL');
  if (code !== 0) throw new Error(`queued run exited ${code}:\n${clog.join('')}`);
  const problems: string[] = [];
  const files = records(out).sort();
  const ref = records(e.out).sort();
  if (JSON.stringify(files) !== JSON.stringify(ref)) problems.push(`record files differ: ${files.length} queued vs ${ref.length} embedded`);
  let differ = 0;
  for (const f of ref) if (files.includes(f) && readFileSync(join(out, 'records', f), 'utf8') !== readFileSync(join(e.out, 'records', f), 'utf8')) differ++;
  if (differ) problems.push(`${differ} records differ from the embedded run's`);
  const lines = readFileSync(join(out, 'status.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"key"'))
    .map((l) => JSON.parse(l) as { key: string; status: string });
  const once = new Set(lines.map((l) => l.key));
  if (lines.length !== total || once.size !== total)
    problems.push(`status lines: ${lines.length} for ${once.size} distinct episodes, expected ${total} once each`);
  if (lines.some((l) => l.status !== 'done')) problems.push(`${lines.filter((l) => l.status !== 'done').length} episodes not done`);
  if (reportNumbers(out) !== reportNumbers(e.out)) problems.push('report.json numbers differ');
  const m = clog.join('').match(/collected (\d+) results in ([\d.]+) s/);
  say(
    `queued: ${total} episodes in ${secs.toFixed(1)} s wall (${m ? `${m[1]} collected in ${m[2]} s by the coordinator` : 'no timing line'}); ${nKill} workers killed at ${killedAt}/${total} records, restarted ${((performance.now() - tKill) / 1000).toFixed(0)} s before the end`,
  );
  say(
    `records once each: ${once.size === total && lines.length === total}; byte-identical: ${differ === 0 && files.length === ref.length}; report numbers equal: ${reportNumbers(out) === reportNumbers(e.out)}`,
  );
  if (!process.argv.includes('--keep')) for (const d of [out, e.out]) rmSync(d, { recursive: true, force: true });
  for (const p of problems) say(`PROBLEM: ${p}`);
  return problems.length ? 1 : 0;
}

async function throughput(): Promise<number> {
  const url = await redisUrl();
  const counts = arg('throughput', '1,2,4').split(',').map(Number);
  const e = await embedded(['--workers', '0', '--concurrency', '1', '--no-report']);
  const total = records(e.out).length;
  say(`matrix: ${MATRIX.join(' ')} (${total} episodes); redis ${url}`);
  say(`| setup | episodes/s | ms/episode |\n|---|---|---|`);
  say(
    `| embedded, one process, concurrency 1 (wall incl. start-up ${e.secs.toFixed(1)} s) | ${(total / e.secs).toFixed(1)} | ${((e.secs * 1000) / total).toFixed(2)} |`,
  );
  for (const n of counts) {
    const out = mkdtempSync(join(tmpdir(), 'gh-soak-tp-'));
    const workers = Array.from({ length: n }, () => cli(['worker', '--queue', url, '--concurrency', '1']));
    await sleep(4000); // let them load before the clock starts
    const clog: string[] = [];
    const code = await exited(cli(['run', ...MATRIX, '--queue', url, '--out', out, '--no-report'], clog));
    for (const w of workers) w.kill('SIGKILL');
    const m = clog.join('').match(/collected (\d+) results in ([\d.]+) s/);
    if (code !== 0 || !m) throw new Error(`queued run failed:\n${clog.join('')}`);
    const secs = Number(m[2]);
    say(
      `| queue, ${n} worker${n > 1 ? 's' : ''} × concurrency 1 (coordinator's collect time) | ${(total / secs).toFixed(1)} | ${((secs * 1000) / total).toFixed(2)} |`,
    );
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(e.out, { recursive: true, force: true });
  return 0;
}

async function recovery(): Promise<number> {
  const url = await redisUrl();
  const lockMs = arg('lock-ms', '3000');
  const out = mkdtempSync(join(tmpdir(), 'gh-soak-rec-'));
  const worker = () => cli(['worker', '--queue', url, '--concurrency', '2', '--lock-ms', lockMs]);
  let w = worker();
  const clog: string[] = [];
  let coord = cli(['run', ...MATRIX, '--queue', url, '--out', out, '--no-report'], clog);
  const waitFor = async (n: number) => {
    while (records(out).length < n) await sleep(20);
  };
  await waitFor(60);
  // (a) the only worker dies holding episodes; a fresh one starts at once. Recovery = until every
  // episode it held (the queue's active list at the kill) has its record.
  const port = new URL(url).port;
  const redisCli = (...a: string[]) =>
    spawnSync('redis-cli', ['-p', port, ...a], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .filter(Boolean);
  const activeKey = redisCli('--scan', '--pattern', 'bull:glasshouse.*.scripted:active')[0] as string;
  const held = redisCli('LRANGE', activeKey, '0', '-1').map((id) => `${id.slice(id.indexOf('.') + 1)}.jsonl`);
  w.kill('SIGKILL');
  const atKill = records(out).length;
  const tKill = performance.now();
  w = worker();
  while (!held.every((f) => records(out).includes(f))) await sleep(20);
  const workerRecovery = (performance.now() - tKill) / 1000;
  await waitFor(atKill + 40);
  // (b) the coordinator dies; the same command again.
  coord.kill('SIGKILL');
  await exited(coord);
  const atCoordKill = records(out).length;
  const tc = performance.now();
  coord = cli(['run', ...MATRIX, '--queue', url, '--out', out, '--no-report'], clog);
  await waitFor(atCoordKill + 1);
  const coordRecovery = (performance.now() - tc) / 1000;
  const code = await exited(coord);
  w.kill('SIGKILL');
  say(
    `worker killed holding ${held.length} episodes (lock ${lockMs} ms), replacement started at once: all ${held.length} recorded ${workerRecovery.toFixed(1)} s after the kill`,
  );
  say(
    `coordinator killed, same command started again: first new record after ${coordRecovery.toFixed(1)} s (CLI start-up, planning, scanning ${atCoordKill} records); run exit ${code}`,
  );
  rmSync(out, { recursive: true, force: true });
  return code === 0 ? 0 : 1;
}

const code = process.argv.includes('--throughput') ? await throughput() : process.argv.includes('--recovery') ? await recovery() : await soak();
process.exit(code);
