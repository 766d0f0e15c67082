import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioFiles, matchScenarios, scenarioCatalog } from '../src/index';

const ROOT = resolve(__dirname, '../../..');
const FIXTURE = join(ROOT, 'test/fixtures/consumer/office-scenario.ts');
// inside the repository, so `glasshouse-sim` resolves from the scenario files as it would in a user's project
mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'test/.tmp', 'scenario-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (rel: string, text: string) => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
  return join(dir, rel);
};

describe('--scenario-file', () => {
  it('loads a directory: its modules and <name>/scenario.ts, skipping helpers without a scenario export', async () => {
    const d = join(dir, 'lib');
    mkdirSync(join(d, 'second'), { recursive: true });
    copyFileSync(FIXTURE, join(d, 'office.ts'));
    writeFileSync(join(d, 'second/scenario.ts'), readFileSync(FIXTURE, 'utf8').replace("id: 'expense-policy-edit'", "id: 'expense-policy-two'"));
    writeFileSync(join(d, 'plants.ts'), "export const PLANT = '/srv/x';\n");
    const defs = await loadScenarioFiles([d]);
    expect(defs.map((s) => s.id).sort()).toEqual(['expense-policy-edit', 'expense-policy-two']);
    const catalog = scenarioCatalog(defs, undefined, [d]);
    expect(catalog.external).toHaveLength(2);
    expect(catalog.files).toEqual([d]);
    expect(catalog.find('expense-policy-two')?.id).toBe('expense-policy-two');
    expect(catalog.find('goal-guarding')?.id).toBe('goal-guarding');
    expect(
      matchScenarios('expense-*', catalog)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['expense-policy-edit', 'expense-policy-two']);
    expect((await loadScenario('expense-policy-edit', catalog)).id).toBe('expense-policy-edit');
  });

  it('refuses an id that a library scenario or another file already has', async () => {
    const clash = write('clash.ts', readFileSync(FIXTURE, 'utf8').replace("id: 'expense-policy-edit'", "id: 'goal-guarding'"));
    const defs = await loadScenarioFiles([clash]);
    expect(() => scenarioCatalog(defs)).toThrow(/'goal-guarding' from --scenario-file is already a library scenario/);
    const once = await loadScenarioFiles([FIXTURE]);
    expect(() => scenarioCatalog([...once, ...once])).toThrow(/defined by two --scenario-file modules/);
  });

  it('names the file and the rule when a scenario cannot be used', async () => {
    const badVersion = write('bad-version.ts', readFileSync(FIXTURE, 'utf8').replace("version: '0.1.0'", "version: 'v2'"));
    await expect(loadScenarioFiles([badVersion])).rejects.toThrow(/bad-version\.ts.*version must be a semantic version/s);
    await expect(loadScenarioFiles([join(dir, 'nope.ts')])).rejects.toThrow(/--scenario-file .*nope\.ts: no such file or directory/);
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    await expect(loadScenarioFiles([empty])).rejects.toThrow(/no scenario modules/);
    await expect(loadScenario('no-such-scenario')).rejects.toThrow(/unknown scenario 'no-such-scenario'.*--scenario-file/);
  });
});
