import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
/** The CLI as a real child process (the same entry `pnpm glasshouse` uses). */
export const CLI = ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts')];

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

export const hasRedisServer = () => spawnSync('redis-server', ['--version']).status === 0;

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  proc: ChildProcess;
  /** Stop (SIGTERM: Redis writes its append-only file and exits) and wait. */
  stop(): Promise<void>;
  /** Start again on the same port and folder (data comes back from the append-only file). */
  restart(): Promise<RedisServer>;
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on ${port} did not answer`);
}

/** A private redis-server on 127.0.0.1 with its own data folder (append-only file on, no RDB snapshots). */
export async function startRedis(port?: number, dir?: string): Promise<RedisServer> {
  const p = port ?? (await freePort());
  const d = dir ?? mkdtempSync(join(tmpdir(), 'gh-redis-'));
  const proc = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--dir', d, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'],
    { stdio: 'ignore' },
  );
  await waitReady(p);
  const server: RedisServer = {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    dir: d,
    proc,
    stop: () =>
      new Promise<void>((r) => {
        if (proc.exitCode !== null) return r();
        proc.once('exit', () => r());
        proc.kill('SIGTERM');
      }),
    restart: async () => {
      await server.stop();
      return startRedis(p, d);
    },
  };
  return server;
}

/**
 * The Redis for a queue test file: GLASSHOUSE_TEST_REDIS (what .ci/run starts) on database `db`, so test
 * files running at once do not share queues; else a private redis-server when one is installed; else
 * null (the file skips, saying why) — except under CI=true, where a missing Redis is a failure.
 */
export async function testRedis(db: number): Promise<{ url: string; close: () => Promise<void> } | null> {
  const env = process.env.GLASSHOUSE_TEST_REDIS;
  if (env) {
    const url = `${env.replace(/\/\d*$/, '')}/${db}`;
    const { Redis } = await import('ioredis');
    const r = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await r.connect();
      await r.flushdb();
      r.disconnect();
      return { url, close: async () => {} };
    } catch (err) {
      r.disconnect();
      if (process.env.CI === 'true') throw new Error(`GLASSHOUSE_TEST_REDIS=${env} is not reachable: ${(err as Error).message}`);
    }
  }
  if (hasRedisServer()) {
    const s = await startRedis();
    return { url: s.url, close: () => s.stop() };
  }
  if (process.env.CI === 'true') throw new Error('queue tests need Redis under CI: .ci/run starts redis-server and sets GLASSHOUSE_TEST_REDIS');
  console.warn('queue tests skipped: no GLASSHOUSE_TEST_REDIS and no redis-server installed');
  return null;
}
