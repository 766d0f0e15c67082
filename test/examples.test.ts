import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const run = (file: string, env: Record<string, string> = {}) => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI|ANTHROPIC)_/.test(k)));
  return spawnSync(process.execPath, ['--no-node-snapshot', '--conditions=glasshouse-source', '--import', 'tsx', join(ROOT, 'docs/examples', file)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...clean, ...env },
  });
};

describe('docs/examples run as written', () => {
  it('own-loop.ts', () => {
    const r = run('own-loop.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/outcome: clean/);
    expect(r.stdout).toMatch(/spec-citation: clean 1 cites AS1/);
  });
  it('openai-compatible.ts (offline fallback server)', () => {
    const r = run('openai-compatible.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/using a local scripted server/);
    expect(r.stdout).toMatch(/outcome: clean; tokens in\/out: "inputTokens":400,"outputTokens":80/);
  });
  it('ai-sdk.ts', () => {
    const r = run('ai-sdk.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/outcome: clean; assistant turns: 4/);
  });
  it('mcp-client.ts', () => {
    const r = run('mcp-client.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tools: .*send_email/);
    expect(r.stderr).toMatch(/outcome CLEAN/);
  });
});
