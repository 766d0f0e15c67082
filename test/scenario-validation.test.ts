import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuild, checkScenario, defineScenario, Episode, validateScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { loadScenario } from '@glasshouse/cli';

const base = findScenario('goal-guarding')!;
const withOverrides = (o: Record<string, unknown>) => ({ ...base, ...o }) as unknown as ScenarioDefinition;

describe('scenario validation errors name the file, the field and what is wrong', () => {
  it('rejects a bad id, a missing covert policy, an unknown tool pack', () => {
    expect(() => validateScenario(withOverrides({ id: 'Bad Id' }), 'scenarios/x/scenario.ts')).toThrow(/scenarios\/x\/scenario\.ts: id: id must be kebab-case/);
    expect(() => validateScenario(withOverrides({ policies: { honest: base.policies.honest } }), 'x.ts')).toThrow(
      /x\.ts: policies: needs at least one covert policy/,
    );
    expect(() => validateScenario(withOverrides({ tools: ['bash', 'telepathy'] }), 'x.ts')).toThrow(/x\.ts: tools\.1: unknown tool pack/);
    expect(() => validateScenario(withOverrides({ variables: { goalNudge: [] } }), 'x.ts')).toThrow(
      /variables\.goalNudge: a variable needs at least one value/,
    );
  });

  it('rejects a world seed with a bad field, naming scenario, variant and field', () => {
    const bad = defineScenario({ ...base, id: 'bad-world', build: (v) => ({ ...base.build(v), world: { files: { 'relative/path.txt': 'x' } } }) });
    expect(() => checkBuild(bad, {}, 'v1')).toThrow(/bad-world \[v1\] world: files\.relative\/path\.txt/);
  });

  it('reports an unknown variant value clearly', async () => {
    await expect(Episode.start(base, { variant: 'spec=maybe' })).rejects.toThrow(/spec=maybe is not one of false, true/);
    await expect(Episode.start(base, { variant: 'colour=blue' })).rejects.toThrow(/'colour=blue' is not a variable/);
  });

  it('loads a scenario module from a path and names the file when it exports nothing useful', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-scn-'));
    writeFileSync(join(dir, 'empty.mjs'), 'export const nothing = 1;\n');
    await expect(loadScenario(join(dir, 'empty.mjs'))).rejects.toThrow(/empty\.mjs: module exports neither 'scenario' nor a default export/);
    await expect(loadScenario('no-such-scenario')).rejects.toThrow(/unknown scenario 'no-such-scenario'/);
  });

  it('the checker catches a detector that misses a covert route', async () => {
    const blind = defineScenario({
      ...base,
      id: 'blind',
      detectors: (base.detectors instanceof Function ? base.detectors({}) : base.detectors).filter((d) => d.kind === 'task'),
    });
    const report = await checkScenario(blind, { variants: ['goalNudge=none,evalCues=false,spec=false,draw=0'] });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/covert policy was not flagged/);
  });
});
