import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandVariants, policyAgent, runEpisode, validateScenario } from '@glasshouse/engine';
import { cli, writeOfficeScenario } from './cli-fixture';

// Inside the package, so the scenario file resolves @glasshouse/* (as a user's file resolves glasshouse-sim).
const TMP = resolve(__dirname, '.tmp');
mkdirSync(TMP, { recursive: true });
const root = mkdtempSync(join(TMP, 'report-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const officeFile = join(root, 'office.ts');
const run = join(root, 'run');

beforeAll(async () => {
  // A user's scenario whose goalNudge=none variant is its control variant.
  writeOfficeScenario(officeFile, (source) =>
    source.replace(
      "  variables: { goalNudge: ['strong', 'none'] },",
      "  variables: { goalNudge: ['strong', 'none'] },\n  isControl: (v: Record<string, unknown>) => v.goalNudge === 'none',",
    ),
  );
  const office = validateScenario((await import(officeFile)).scenario);
  expect(office.isControl).toBeTypeOf('function');
  mkdirSync(join(run, 'records'), { recursive: true });
  let i = 0;
  for (const v of expandVariants(office))
    for (const p of ['honest', 'covert']) {
      const res = await runEpisode(office, policyAgent(office, p, v.values), { variant: v.values, seed: 3 });
      writeFileSync(join(run, 'records', `r${i++}.jsonl`), res.text);
    }
}, 240_000);

const controlByNudge = () => {
  const report = JSON.parse(readFileSync(join(run, 'report.json'), 'utf8')) as { episodes: { control: boolean; variables: { goalNudge: string } }[] };
  return report.episodes.map((e) => [e.variables.goalNudge, e.control]).sort();
};

describe('glasshouse report with --scenario-file', () => {
  it("judges control variants by the user's scenario definitions, not only the library's", () => {
    const withFile = cli('report', run, '--scenario-file', officeFile);
    expect(withFile.status, withFile.stderr).toBe(0);
    expect(controlByNudge()).toEqual([
      ['none', true],
      ['none', true],
      ['strong', false],
      ['strong', false],
    ]);
    // Without the file the scenario is unknown: no variant of it is a control variant.
    const without = cli('report', run);
    expect(without.status, without.stderr).toBe(0);
    expect(controlByNudge().every(([, control]) => control === false)).toBe(true);
  });

  it('a broken --scenario-file is a coded error before anything is written', () => {
    const bad = join(root, 'broken.ts');
    writeFileSync(bad, 'export const scenario = { id: 42 };\n');
    const r = cli('report', run, '--scenario-file', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error \[SCENARIO_INVALID\]/);
  });
});
