import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

/** The CLI from source, as `pnpm glasshouse` runs it, from the repository root. */
export const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });

/**
 * Write the consumer fixture's user scenario (test/fixtures/consumer/office-scenario.ts) to `path`,
 * its `glasshouse-sim` imports pointed at the workspace packages; `edit` changes its source further.
 * The file must sit inside this package so @glasshouse/* resolve (as a user's file resolves glasshouse-sim).
 */
export function writeOfficeScenario(path: string, edit: (source: string) => string = (s) => s): void {
  writeFileSync(
    path,
    edit(
      readFileSync(join(ROOT, 'test/fixtures/consumer/office-scenario.ts'), 'utf8')
        .replace("from 'glasshouse-sim/detectors'", "from '@glasshouse/detectors'")
        .replace("from 'glasshouse-sim/turns'", "from '@glasshouse/scenarios/shared/turns'")
        .replace("from 'glasshouse-sim'", "from '@glasshouse/engine'"),
    ),
  );
}
