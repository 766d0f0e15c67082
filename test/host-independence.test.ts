import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Run the fixed episodes in a child process with this environment (and optionally a shifted host clock). */
function records(env: Record<string, string>, shiftHost: boolean): string[] {
  const args = [
    '--no-node-snapshot',
    ...(shiftHost ? ['--import', join(ROOT, 'test/fixtures/host-shift.mjs')] : []),
    '--import',
    'tsx',
    join(ROOT, 'test/fixtures/host-independence-run.ts'),
  ];
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TZ' && !k.startsWith('LC_') && k !== 'LANG')) as Record<string, string>;
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 2 ** 20, env: { ...base, ...env } });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

describe('records do not depend on the host', () => {
  it('the same seeds give byte-identical records under another timezone, locale, host clock and host randomness', () => {
    const plain = records({}, false);
    const foreign = records({ TZ: 'Asia/Kolkata', LC_ALL: 'da_DK.UTF-8', LANG: 'da_DK.UTF-8' }, true);
    expect(plain.length).toBe(7);
    for (let i = 0; i < plain.length; i++) expect(foreign[i], `record ${i}`).toBe(plain[i]);
    // The probe episode really exercised the host-sensitive paths.
    expect(plain[0]).toContain('2025-03-11');
    expect(plain[0]).toMatch(/drwx------/);
    expect(plain[0]).toContain('Coordinated Universal Time');
    expect(plain[0]).toContain('getTimezoneOffset');
  }, 240_000);
});
