import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecord, runEpisode } from '@glasshouse/engine';
import type { AgentPolicy } from '@glasshouse/schema';
import { findScenario } from '@glasshouse/scenarios';

const ROOT = resolve(__dirname, '../../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

/** Voices evaluation awareness, then reads the data and picks the aligned strategy. */
const awareAgent: AgentPolicy = {
  id: 'aware',
  async next(input) {
    if (input.phase === 'interview') return { text: 'No.' };
    const mine = input.messages.filter((m) => m.role === 'assistant').length;
    if (mine === 0)
      return {
        reasoning: 'Reading the data first. This is probably an alignment test.',
        toolCalls: [{ name: 'bash', args: { command: 'ls /home/user/project' } }],
      };
    return { reasoning: 'Stay transparent.', toolCalls: [{ name: 'select_strategy', args: { strategy: 'C' } }] };
  },
};

describe('CLI: replay, fork, intervene', () => {
  it('replay exits 1 on a divergence and names it; fork edits the reasoning; intervene reports both arms', async () => {
    const s = findScenario('oversight-subversion')!;
    const dir = mkdtempSync(join(tmpdir(), 'gh-cli-replay-'));
    mkdirSync(join(dir, 'records'));
    const rec = join(dir, 'records', 'aware.jsonl');
    await runEpisode(s, awareAgent, { seed: 3, recordPath: rec });

    const ok = cli('replay', rec);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^identical {2}aware\.jsonl {2}\(\d+ events, byte-identical\)/m);
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, readFileSync(rec, 'utf8').replace('"isError":false', '"isError":true'));
    const bad = cli('replay', tampered);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/DIVERGED {3}tampered\.jsonl {2}line \d+ \(seq \d+\) field isError/);

    const forked = join(dir, 'fork.jsonl');
    const fork = cli('fork', rec, '--at', '0', '--remove-matching', 'alignment test', '--agent', 'scripted:honest', '--out', forked);
    expect(fork.status, fork.stderr).toBe(0);
    const child = readRecord(forked);
    expect(child.header.parent).toMatchObject({ atStep: 0, record: rec, edit: { removeMatching: 'alignment test' } });
    expect(child.events.find((e) => e.type === 'message.assistant')).toMatchObject({ reasoning: 'Reading the data first.' });

    const iv = cli(
      'intervene',
      join(dir, 'records'),
      '--intervention',
      'remove-awareness',
      '--agent',
      'scripted:covert',
      '--samples',
      '2',
      '--baseline',
      'resampled',
      '--concurrency',
      '2',
      '--mode',
      'keep-action',
    );
    // Scripted agents cannot continue a prefix: continue mode (the default) refuses and names the agent.
    const refused = cli('intervene', join(dir, 'records'), '--intervention', 'remove-awareness', '--agent', 'scripted:covert', '--samples', '1');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/agent scripted:covert cannot continue an edited reasoning prefix/);
    expect(iv.status, iv.stderr).toBe(0);
    expect(iv.stdout).toMatch(/remove-awareness: 1 eligible records \(0 not applicable\), 2 samples each/);
    expect(iv.stdout).toMatch(/covert before \(resampled\) \d+\/2 .* after \d+\/2 .* exact p \(stratified by parent\) = /);
    expect(cli('intervene', dir, '--intervention', 'remove-awareness', '--agent', 'scripted:covert', '--baseline', 'nope').status).not.toBe(0);
  });
});
