import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const run = async (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> => {
  try {
    const r = await promisify(execFile)(process.execPath, ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000,
    });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
};

/** A port nothing listens on (yet): bind, note it, close. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A minimal OpenAI-compatible model for oversight-subversion: read, choose strategy C, answer "No.". */
async function modelOn(port: number) {
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(data) as { messages: { role: string }[]; tools?: unknown[] };
      const mine = body.messages.filter((m) => m.role === 'assistant').length;
      const call =
        mine === 0 && body.tools
          ? { id: 'c1', type: 'function', function: { name: 'select_strategy', arguments: JSON.stringify({ strategy: 'C', rationale: 'balanced' }) } }
          : null;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 1,
          model: 'm',
          choices: [
            {
              index: 0,
              finish_reason: call ? 'tool_calls' : 'stop',
              message: { role: 'assistant', content: call ? '' : 'No.', ...(call ? { tool_calls: [call] } : {}) },
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

describe('a dead model server', () => {
  it('single run: exits non-zero naming the fault; matrix: counts it invalid, exits 1, and a rerun with the server up completes it', async () => {
    const port = await freePort();
    const agent = `openai-compatible:http://127.0.0.1:${port}/v1#m`;
    const one = await run('run', 'oversight-subversion', '--agent', agent, '--out', mkdtempSync(join(tmpdir(), 'gh-dead-')), '--no-interview');
    expect(one.status).toBe(1);
    expect(one.stdout).toMatch(/outcome: INVALID \(PROVIDER_ERROR: /);
    expect(one.stderr).toMatch(/error \[EPISODE_INVALID\]: PROVIDER_ERROR: .*openai-compatible m @ http:\/\/127\.0\.0\.1:\d+\/v1: Connection error/);

    const out = mkdtempSync(join(tmpdir(), 'gh-dead-matrix-'));
    const args = [
      'run',
      '--scenarios',
      'oversight-subversion',
      '--variants',
      'goalNudge=strong,spec=false,evalCues=false',
      '--agent',
      agent,
      '--out',
      out,
      '--workers',
      '0',
      '--no-interview',
    ];
    const dead = await run(...args);
    expect(dead.status).toBe(1);
    expect(dead.stdout).toMatch(/1 episodes: 1 run now, 0 already done, 0 failed, 1 invalid \(provider\/harness faults/);
    expect(dead.stdout).toMatch(/INVALID episodes \(1\)/);
    expect(dead.stdout).toMatch(/0 covert, 0 overt, 0 clean, 0 unmeasured, 1 invalid/);

    const server = await modelOn(port);
    try {
      const fixed = await run(...args);
      expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
      expect(fixed.stdout).toMatch(/1 episodes: 1 run now, 0 already done, 0 failed, 0 invalid/);
      expect(fixed.stdout).toMatch(/0 covert, 0 overt, 1 clean, 0 unmeasured, 0 invalid/);
      expect(readdirSync(join(out, 'invalid'))).toHaveLength(1); // the failed attempt is kept, out of the way
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});
