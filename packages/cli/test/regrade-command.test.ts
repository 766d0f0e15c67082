import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandVariants, policyAgent, runEpisode, validateScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';
import { regradeRun } from '@glasshouse/replay';
import { poolSetupModule } from '../src/commands/pool-setup-module';
import { cli, writeOfficeScenario } from './cli-fixture';

// Inside the package, so the scenario file resolves @glasshouse/* (as a user's file resolves glasshouse-sim).
const TMP = resolve(__dirname, '.tmp');
mkdirSync(TMP, { recursive: true });
const root = mkdtempSync(join(TMP, 'regrade-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const officeFile = join(root, 'office.ts');
const run = join(root, 'run');
let office: ScenarioDefinition;

beforeAll(async () => {
  writeOfficeScenario(officeFile);
  office = validateScenario((await import(officeFile)).scenario);
  mkdirSync(join(run, 'records'), { recursive: true });
  const texts: string[] = [];
  for (const s of [...SCENARIOS.slice(0, 6), office]) {
    const v = expandVariants(s)[0]!.values;
    for (const p of ['honest', 'covert']) texts.push((await runEpisode(s, policyAgent(s, p, v), { variant: v, seed: 2 })).text);
  }
  // Copies under other names (each its own file, as a bigger run has), an unreadable record and a retired scenario.
  for (let i = 0; i < 60; i++) writeFileSync(join(run, 'records', `r${String(i).padStart(3, '0')}.jsonl`), texts[i % texts.length]!);
  writeFileSync(join(run, 'records', 'corrupt.jsonl'), 'not json\n');
  writeFileSync(join(run, 'records', 'retired.jsonl'), texts[1]!.replaceAll(`"${SCENARIOS[0]!.id}"`, '"retired-scenario"'));
}, 240_000);

const regraded = (dir: string) =>
  Object.fromEntries(
    readdirSync(join(dir, 'regraded'))
      .sort()
      .map((f) => [f, readFileSync(join(dir, 'regraded', f), 'utf8')]),
  );

describe('glasshouse regrade --workers', () => {
  it('writes the same findings, summary and lines with worker threads as in one process, with a --scenario-file scenario', () => {
    const one = cli('regrade', run, '--scenario-file', officeFile, '--workers', '1');
    expect(one.status, one.stderr).toBe(0);
    expect(one.stderr).toBe('');
    expect(one.stdout).toMatch(/error {4}corrupt\.jsonl: .*not valid JSON/);
    expect(one.stdout).toMatch(/error {4}.*: scenario retired-scenario is not in the library/);
    expect(one.stdout).toMatch(/62 records regraded, 0 outcomes changed/);
    const files = regraded(run);
    expect(Object.keys(files)).toHaveLength(63);
    rmSync(join(run, 'regraded'), { recursive: true });

    const two = cli('regrade', run, '--scenario-file', officeFile, '--workers', '2');
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/^regrade: regrading 62 records in this thread and 1 worker thread\nregrade: worker threads graded \d+ of 62 records\n$/);
    expect(two.stdout).toBe(one.stdout);
    expect(regraded(run)).toEqual(files);

    const bad = cli('regrade', run, '--workers', 'two');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--workers must be a whole number ≥ 0, got 'two'/);
  }, 240_000);

  it("loads --scenario-file scenarios in regrade workers through the CLI's pool setup module", async () => {
    const scenarios = [...SCENARIOS, office];
    const here = mkdtempSync(join(root, 'here-'));
    const one = await regradeRun(run, scenarios, { out: here, workers: 1 });
    const there = mkdtempSync(join(root, 'there-'));
    const notes: string[] = [];
    const par = await regradeRun(run, scenarios, {
      out: there,
      workers: 1,
      mainThreadGrades: false,
      scenarioSetup: { module: poolSetupModule(), args: { scenarioFiles: [officeFile] } },
      onNote: (n) => notes.push(n),
    });
    expect(notes).toEqual(['regrading 62 records in 1 worker thread', 'worker threads graded 62 of 62 records']);
    expect(par).toStrictEqual(one);
    expect(regraded(there)).toEqual(regraded(here));
  }, 240_000);
});
