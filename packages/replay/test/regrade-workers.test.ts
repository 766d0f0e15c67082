import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandVariants, policyAgent, runEpisode, validateScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { ruleJudge } from '@glasshouse/detectors';
import type { LanguageJudge } from '@glasshouse/detectors';
import { SCENARIOS } from '@glasshouse/scenarios';
import { planRegrade, REGRADE_MIN_RECORDS, regradeRun } from '@glasshouse/replay';
import type { Regraded, RegradeRunOptions } from '@glasshouse/replay';

// Inside the package, so the scenario files below resolve @glasshouse/* as a user's files resolve glasshouse-sim.
const TMP = resolve(__dirname, '.tmp');
mkdirSync(TMP, { recursive: true });
const root = mkdtempSync(join(TMP, 'regrade-workers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FIXTURE = resolve(__dirname, '../../../test/fixtures/consumer/office-scenario.ts');
/** The consumer fixture (a scenario in a user's own file), importing the workspace packages. */
const officeSource = readFileSync(FIXTURE, 'utf8')
  .replace("from 'glasshouse-sim/detectors'", "from '@glasshouse/detectors'")
  .replace("from 'glasshouse-sim/turns'", "from '@glasshouse/scenarios/shared/turns'")
  .replace("from 'glasshouse-sim'", "from '@glasshouse/engine'");
/** The same scenario under another id, with a detector that kills a worker thread on records named '…boom…'. */
const boomSource = `import { isMainThread } from 'node:worker_threads';\n${officeSource
  .replace("id: 'expense-policy-edit'", "id: 'expense-boom'")
  .replace(
    '  detectors: [',
    "  detectors: [\n    { id: 'boom', label: 'Boom', detect: (ctx: DetectorContext) => { if (!isMainThread && ctx.record.header.episodeId.includes('boom')) process.exit(7); return []; } },",
  )}`;
const setupSource = (files: string[], tweak = '') => `import { SCENARIOS } from '@glasshouse/scenarios';
export async function setup() {
  const own = [];
  for (const f of ${JSON.stringify(files)}) own.push((await import(f)).scenario);
  const library = [...SCENARIOS, ...own];
  ${tweak}
  return { library };
}
`;

const write = (name: string, text: string) => {
  const p = join(root, name);
  writeFileSync(p, text);
  return p;
};

let office: ScenarioDefinition;
let boom: ScenarioDefinition;
let run: string;
let crashRun: string;
const setupOf = (file: string) => ({ module: pathToFileURL(file).href });

async function recordText(s: ScenarioDefinition, policy: string, seed: number, id?: string): Promise<string> {
  const v = expandVariants(s)[0]!.values;
  const res = await runEpisode(s, policyAgent(s, policy, v), { variant: v, seed });
  return id ? res.text.replace(res.record.header.episodeId, id) : res.text;
}

beforeAll(async () => {
  const officeFile = write('office.ts', officeSource);
  const boomFile = write('boom.ts', boomSource);
  office = validateScenario((await import(officeFile)).scenario);
  boom = validateScenario((await import(boomFile)).scenario);
  write('setup.ts', setupSource([officeFile, boomFile]));

  // A run: every library scenario honest and covert, the user's scenario, and records that cannot be graded.
  run = join(root, 'run');
  mkdirSync(join(run, 'records'), { recursive: true });
  const put = (name: string, text: string) => writeFileSync(join(run, 'records', `${name}.jsonl`), text);
  for (const s of SCENARIOS) for (const p of ['honest', 'covert']) put(`${s.id}-${p}`, await recordText(s, p, 3));
  for (const p of ['honest', 'covert', 'covert-append']) put(`office-${p}`, await recordText(office, p, 5));
  put('corrupt', '{"schemaVersion": 2, "episodeId": \n');
  const cut = await recordText(SCENARIOS[0]!, 'covert', 4);
  put('truncated', cut.slice(0, Math.floor(cut.length * 0.6)));
  const covert = await recordText(office, 'covert', 6);
  put('unknown-scenario', covert.replaceAll('"expense-policy-edit"', '"retired-scenario"'));

  // A run whose records of `expense-boom` named '…boom…' kill any worker thread that grades them.
  crashRun = join(root, 'crash');
  mkdirSync(join(crashRun, 'records'), { recursive: true });
  for (let i = 0; i < 24; i++) {
    const s = SCENARIOS[i % SCENARIOS.length]!;
    writeFileSync(join(crashRun, 'records', `r${String(i).padStart(2, '0')}.jsonl`), await recordText(s, i % 2 ? 'covert' : 'honest', 7));
  }
  writeFileSync(join(crashRun, 'records', 'r10-boom.jsonl'), await recordText(boom, 'covert', 8, 'ep-boom'));
  writeFileSync(join(crashRun, 'records', 'r11-calm.jsonl'), await recordText(boom, 'honest', 8, 'ep-calm'));
}, 240_000);

/** Everything a regrade leaves: the rows it returns and every file of `regraded/`, byte for byte. */
async function regradeOf(dir: string, scenarios: readonly ScenarioDefinition[], opts: RegradeRunOptions) {
  const out = mkdtempSync(join(root, 'out-'));
  const notes: string[] = [];
  const rows = await regradeRun(dir, scenarios, { ...opts, out, onNote: (n) => notes.push(n) });
  const files = Object.fromEntries(
    readdirSync(join(out, 'regraded'))
      .sort()
      .map((f) => [f, readFileSync(join(out, 'regraded', f), 'utf8')]),
  );
  return { rows, files, notes };
}

describe('regradeRun in worker threads', () => {
  it('gives the same rows, findings files and summary as one thread, with a user scenario file, an unreadable record and a retired scenario', async () => {
    const scenarios = [...SCENARIOS, office, boom];
    const setup = setupOf(join(root, 'setup.ts'));
    const one = await regradeOf(run, scenarios, { workers: 1 });
    expect(one.notes).toEqual([]);
    expect(Object.keys(one.files)).toHaveLength(SCENARIOS.length * 2 + 3 + 3 + 1);
    const byId = (rows: Regraded[], name: string) => rows.find((r) => r.episodeId === name || r.episodeId.startsWith(name));
    expect(byId(one.rows, 'corrupt.jsonl')?.error).toMatch(/header is not valid JSON/);
    expect(one.rows.find((r) => r.scenario === 'retired-scenario')?.error).toBe('scenario retired-scenario is not in the library');
    expect(one.rows.filter((r) => r.warnings?.length)).toHaveLength(1);
    expect(one.rows.filter((r) => r.scenario === 'expense-policy-edit').map((r) => r.newOutcome)).toEqual(['covert', 'covert', 'clean']);

    // Workers only: every record graded in a thread of its own.
    const threads = await regradeOf(run, scenarios, { workers: 2, mainThreadGrades: false, scenarioSetup: setup });
    const n = one.rows.length;
    expect(threads.notes).toEqual([`regrading ${n} records in 2 worker threads`, `worker threads graded ${n} of ${n} records`]);
    expect(threads.rows).toStrictEqual(one.rows);
    expect(JSON.stringify(threads.rows)).toBe(JSON.stringify(one.rows));
    expect(threads.files).toEqual(one.files);

    // This thread and a worker, sharing batches.
    const shared = await regradeOf(run, scenarios, { workers: 2, scenarioSetup: setup });
    expect(shared.notes[0]).toBe(`regrading ${n} records in this thread and 1 worker thread`);
    expect(shared.notes[1]).toMatch(new RegExp(`^worker threads graded \\d+ of ${n} records$`));
    expect(shared.rows).toStrictEqual(one.rows);
    expect(shared.files).toEqual(one.files);
  }, 240_000);

  it('reports the records of a worker that keeps dying as errors naming the cause, and grades every other record as one thread does', async () => {
    const scenarios = [...SCENARIOS, boom];
    const one = await regradeOf(crashRun, scenarios, { workers: 1 });
    const par = await regradeOf(crashRun, scenarios, { workers: 1, mainThreadGrades: false, scenarioSetup: setupOf(join(root, 'setup.ts')) });
    const at = one.rows.findIndex((r) => r.episodeId === 'ep-boom');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(one.rows[at]).toMatchObject({ scenario: 'expense-boom', newOutcome: 'covert' });
    expect(par.rows[at]).toMatchObject({
      episodeId: 'r10-boom.jsonl',
      newOutcome: 'invalid',
      error: 'not regraded: a regrade worker stopped while grading this record, twice (exit code 7)',
    });
    expect(par.rows.filter((_, i) => i !== at)).toStrictEqual(one.rows.filter((_, i) => i !== at));
    expect(par.notes.some((n) => /a regrade worker stopped \(exit code 7\) while grading \d+ records: retrying them one at a time/.test(n))).toBe(true);
    const summary = JSON.parse(par.files['summary.json']!);
    expect(summary.errors).toEqual([{ episodeId: 'r10-boom.jsonl', error: par.rows[at]!.error }]);
    expect(JSON.parse(par.files['r10-boom.findings.json']!)).toStrictEqual(par.rows[at]);
  }, 240_000);

  it('grades in this thread when a worker loads other scenarios or none, and says why', async () => {
    const scenarios = [...SCENARIOS, office, boom];
    const one = await regradeOf(run, scenarios, { workers: 1 });
    // Same ids, other definitions: the worker's copy of the office scenario lost a detector.
    const drifted = write(
      'drifted.ts',
      setupSource(
        [join(root, 'office.ts'), join(root, 'boom.ts')],
        "const i = library.findIndex((s) => s.id === 'expense-policy-edit');\n  library[i] = { ...library[i], detectors: library[i].detectors.slice(1) };",
      ),
    );
    const a = await regradeOf(run, scenarios, { workers: 2, mainThreadGrades: false, scenarioSetup: setupOf(drifted) });
    expect(a.notes[1]).toBe('a regrade worker was not used: it loaded different definitions of expense-policy-edit than this process');
    expect(a.rows).toStrictEqual(one.rows);
    expect(a.files).toEqual(one.files);
    const broken = write('broken.ts', 'export async function setup() { throw new Error("no scenarios here"); }\n');
    const b = await regradeOf(run, scenarios, { workers: 1, mainThreadGrades: false, scenarioSetup: setupOf(broken) });
    expect(b.notes[1]).toBe('a regrade worker was not used: it could not load the scenarios: no scenarios here');
    expect(b.rows).toStrictEqual(one.rows);
    expect(b.files).toEqual(one.files);
  }, 240_000);

  it('plans worker threads only where they can grade exactly as this thread would', () => {
    const base = { records: 10_000, files: true, scenarios: SCENARIOS };
    expect(planRegrade({ ...base, workers: 4 })).toEqual({ threads: 3, note: 'regrading 10000 records in this thread and 3 worker threads' });
    expect(planRegrade({ ...base, workers: 4, judge: ruleJudge }).threads).toBe(3);
    expect(planRegrade({ ...base, workers: 1 })).toEqual({ threads: 0 });
    expect(planRegrade({ ...base, records: REGRADE_MIN_RECORDS - 1 })).toEqual({ threads: 0 });
    expect(planRegrade({ ...base, records: 3, workers: 8 }).threads).toBe(2);
    const model: LanguageJudge = { id: 'judge-model:x', provenance: 'judge-model', judge: ruleJudge.judge };
    expect(planRegrade({ ...base, workers: 2, judge: model })).toEqual({
      threads: 0,
      note: "regrading 10000 records in this thread only: the language judge 'judge-model:x' cannot be handed to worker threads (only the rule classifier can)",
    });
    expect(planRegrade({ ...base, workers: 2, files: false }).note).toMatch(/records given in memory/);
    expect(planRegrade({ ...base, workers: 2, scenarios: [...SCENARIOS, office] }).note).toMatch(
      /expense-policy-edit is not the library's own; pass scenarioSetup/,
    );
    expect(planRegrade({ ...base, workers: 2, scenarios: [...SCENARIOS, office], scenarioSetup: { module: 'x' } }).threads).toBe(1);
    expect(() => planRegrade({ ...base, workers: 1.5 })).toThrow(/workers must be a whole number/);
  });
});
