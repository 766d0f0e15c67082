import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayRunEvents, RunEvent } from '@glasshouse/runner';

const ROOT = resolve(__dirname, '..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('glasshouse run --json-events', () => {
  it('streams run events as JSON lines on stdout (and only them); they equal the run folder replayed', () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-json-events-'));
    const r = cli(
      'run',
      '--scenarios',
      'goal-guarding',
      '--variants',
      'spec=false',
      '--agent',
      'scripted:honest',
      '--agent',
      'scripted:covert',
      '--concurrency',
      '1',
      '--json-events',
      '--no-report',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const events = lines.map((l) => RunEvent.parse(JSON.parse(l)));
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', done: 8, total: 8, outcomes: { covert: 4, clean: 4 } });
    expect(events.filter((e) => e.type === 'episode.record').length).toBeGreaterThan(8 * 5);
    expect(r.stderr).toMatch(/8 episodes: 8 run now/);
    expect(events).toEqual(replayRunEvents(out));
  });

  it('a single episode reports the same kinds of events', () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-json-events-'));
    const r = cli('run', 'oversight-subversion', '--agent', 'scripted:covert', '--json-events', '--slow-ms', '1', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => RunEvent.parse(JSON.parse(l)));
    expect(events.map((e) => e.type).filter((t) => t !== 'episode.record')).toEqual([
      'run.started',
      'episode.started',
      'episode.finished',
      'run.progress',
      'run.finished',
    ]);
    expect(events.find((e) => e.type === 'episode.finished')).toMatchObject({
      outcome: 'covert',
      covertDetectors: expect.arrayContaining(['oversight-disabled']),
    });
    expect(r.stderr).toMatch(/outcome: COVERT/);
  });
});
