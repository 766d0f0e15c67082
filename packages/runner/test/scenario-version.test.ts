import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenario } from '@glasshouse/scenarios';
import { readRecord } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { runMatrix } from '@glasshouse/runner';

describe('runner: scenario version changes on resume', () => {
  it('refuses to mix versions, names the scenario and both versions; --force supersedes the old records and reruns', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-version-'));
    const v1 = findScenario('goal-guarding') as ScenarioDefinition;
    const v2: ScenarioDefinition = { ...v1, version: `${v1.version}-edited` };
    const cfg = { scenarios: ['goal-guarding'], variants: ['goalNudge=none,spec=false'], agents: ['scripted:honest'] };
    const first = await runMatrix(cfg, [v1], { out, progress: false });
    expect(first).toMatchObject({ ran: 2, failed: 0, invalid: 0 });

    // Same library version: a resume runs nothing.
    expect(await runMatrix(cfg, [v1], { out, progress: false })).toMatchObject({ ran: 0, skippedDone: 2 });

    await expect(runMatrix(cfg, [v2], { out, progress: false })).rejects.toThrow(
      new RegExp(
        `scenario version changed since its records were written: goal-guarding ${v1.version.replace(/\./g, '\\.')} → ${v2.version.replace(/\./g, '\\.')} \\(2 record\\(s\\)\\); use a new --out, or --force`,
      ),
    );
    const forced = await runMatrix(cfg, [v2], { out, progress: false, force: true });
    expect(forced).toMatchObject({ ran: 2, skippedDone: 0 });
    expect(readdirSync(join(out, 'superseded'))).toHaveLength(2);
    for (const f of readdirSync(join(out, 'records'))) expect(readRecord(join(out, 'records', f)).header.scenario.version).toBe(v2.version);
    expect(existsSync(join(out, 'invalid'))).toBe(false);
  });
});
