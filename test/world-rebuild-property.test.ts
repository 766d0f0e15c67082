import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorldSnapshot } from '@glasshouse/schema';
import { parseRecord, startEpisode } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { regradeRecord, worldAt } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';

/**
 * Issue #10, item 5: a world rebuilt from the log equals the live world, for random sequences of
 * tool calls through the public tool interface (file tools, bash, run_js) in a real episode of a
 * library scenario. After every call the world folded from the record so far must equal a live
 * snapshot taken then; at the end, the record read back from its text must rebuild the final world,
 * and regrading it must give the live outcome and findings. Tool failures (ENOENT, EACCES, ENOSPC,
 * ELOOP...) are fine: they only have to be recorded consistently.
 *
 * Runs: GLASSHOUSE_PROPERTY_RUNS (default 100), seed: GLASSHOUSE_PROPERTY_SEED (default fixed).
 * fast-check prints the seed and the shrunk sequence of a failure; rerun it with that seed.
 * GLASSHOUSE_PROPERTY_LOG=<file> appends each sequence there before it runs (to find one that hangs).
 */
const library = findScenario('oversight-subversion')!;
/** The same scenario on a 6 KiB disk, so copies, appends and large writes run into ENOSPC. */
const smallDisk: ScenarioDefinition = {
  ...library,
  id: `${library.id}-small-disk`,
  build: (vars) => {
    const b = library.build(vars);
    return { ...b, world: { ...b.world, quotaBytes: 6 * 1024 } };
  },
};
const RUNS = Number(process.env.GLASSHOUSE_PROPERTY_RUNS ?? 100);
const SEED = Number(process.env.GLASSHOUSE_PROPERTY_SEED ?? 20261129);
const LOG = process.env.GLASSHOUSE_PROPERTY_LOG;

/** Paths the calls name: directories, files, symlinks, paths through symlinked directories, aliases, `~` and relative spellings. */
const PATHS = [
  '~/w',
  '~/w/d1',
  '~/w/d2',
  '~/w/d1/sub',
  '/tmp/t',
  '~/w/ld',
  '/tmp/t/ld2',
  '~/w/lf',
  '~/w/f1',
  '~/w/d1/f2',
  'w/d2/f3.txt',
  '/tmp/t/f4',
  '~/w/ld/f5',
  '~/w/ld/sub',
  '/tmp/t/ld2/f6',
  './w/d1/../f1',
  '../user/w/d2',
  '/home/user/w/ld/sub/f7',
  '~/project/oversight_config.yaml',
  '/tmp/t/f4.gz',
  '~/w/f1.gz',
  '~/w/d1/self/f2',
  '/',
  '..',
  '~',
] as const;
/** Symlink targets: absolute, relative to the link, dangling, and the link itself. */
const TARGETS = ['/home/user/w/d1', '/home/user/w/f1', 'd1', '../w/d2', 'f1', 'nowhere', '/tmp/t', '.', 'ld', '/home/user/project'] as const;
const TEXTS = ['a', 'abc\n', '', 'oversight_enabled: false\n', 'ünï ☃\n', 'x'.repeat(5000), `${'m'.repeat(1500)}\n`, `${'line\n'.repeat(1200)}`] as const;
const MODES = ['000', '755', '644', '700', '555', '0', '600'] as const;

const path = fc.constantFrom(...PATHS);
const text = fc.constantFrom(...TEXTS);
const word = fc.constantFrom('a', 'Z', 'oversight', 'line');
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

type Call = { tool: string; args: Record<string, unknown> };
const bash = (command: string): Call => ({ tool: 'bash', args: { command } });

const command: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(path).map(([p]) => `mkdir -p ${p}`),
  fc.tuple(path).map(([p]) => `mkdir ${p}`),
  fc.tuple(path, path).map(([p, r]) => `mv ${p} ${r}`),
  fc.tuple(path, path).map(([p, r]) => `cp ${p} ${r}`),
  fc.tuple(path, path).map(([p, r]) => `cp -r ${p} ${r}`),
  // A directory copied into one of its own aliases (a symlink to it, or to its parent).
  fc.constantFrom('cp -r ~/w/d1 ~/w/ld/', 'cp -r ~/w/d1 ~/w/ld/copy', 'cp -r /home/user/w ~/w/ld', 'cp -r ~/w/ld ~/w/d1/sub', 'cp -r ~/w /tmp/t/ld2'),
  fc.tuple(path).map(([p]) => `rm ${p}`),
  fc.tuple(path).map(([p]) => `rm -r ${p}`),
  fc.tuple(path).map(([p]) => `rm -rf ${p}`),
  fc.tuple(path).map(([p]) => `rmdir ${p}`),
  fc.tuple(fc.constantFrom(...TARGETS), path).map(([t, l]) => `ln -s ${t} ${l}`),
  fc.tuple(path, path).map(([t, l]) => `ln -s ${t} ${l}`),
  // A path swapped for a symlink (or a directory) within one call, after something under it changed.
  fc.tuple(path, fc.constantFrom(...TARGETS)).map(([p, t]) => `rm -r ${p}; ln -s ${t} ${p}`),
  fc.tuple(path, path, fc.constantFrom(...TARGETS)).map(([p, r, t]) => `mv ${p} ${r}; ln -s ${t} ${p}`),
  fc.tuple(path, word).map(([p, w]) => `rm -rf ${p}; mkdir -p ${p}/sub; echo ${w} > ${p}/f2`),
  fc.tuple(fc.constantFrom(...MODES), path).map(([m, p]) => `chmod ${m} ${p}`),
  fc.tuple(path).map(([p]) => `touch ${p}`),
  fc.tuple(text, path).map(([t, p]) => `printf %s ${q(t)} >> ${p}`),
  fc.tuple(word, path).map(([w, p]) => `echo ${w} >> ${p}`),
  fc.tuple(word, path).map(([w, p]) => `echo ${w} > ${p}`),
  fc.tuple(word, word, path).map(([a, b, p]) => `sed -i 's/${a}/${b}/g' ${p}`),
  fc.tuple(path).map(([p]) => `gzip ${p}`),
  fc.tuple(path).map(([p]) => `gunzip ${p}`),
  fc.tuple(path).map(([p]) => `printf '\\x00\\xff\\xfebin' > ${p}`),
  fc.tuple(path, path).map(([p, r]) => `cat ${p} ${p} ${p} >> ${r}`),
  // Other commands that write: hard links, archives, split, tee, find -delete, yq in place, chmod -R.
  fc.tuple(path, path).map(([p, r]) => `ln ${p} ${r}`),
  fc.tuple(path, path).map(([p, r]) => `tar -czf /tmp/a.tgz ${p} && mkdir -p ${r} && tar -xzf /tmp/a.tgz -C ${r}`),
  fc.tuple(path, path).map(([p, r]) => `cd ${p} && tar -cf /tmp/b.tar . && cd ${r} && tar -xf /tmp/b.tar`),
  fc.tuple(path, path).map(([p, r]) => `split -b 2000 ${p} ${r}.part-`),
  fc.tuple(word, path, path).map(([w, p, r]) => `echo ${w} | tee -a ${p} ${r}`),
  fc.tuple(path).map(([p]) => `find ${p} -name 'f*' -delete`),
  fc.tuple(fc.constantFrom('true', 'false', 'no')).map(([v]) => `yq -i '.oversight_enabled = ${v}' ~/project/oversight_config.yaml`),
  fc.tuple(fc.constantFrom(...MODES), path).map(([m, p]) => `chmod -R ${m} ${p}`),
  fc.tuple(path).map(([p]) => `cat ${p}; ls -la ${p}`),
  fc
    .tuple(fc.constantFrom('~/w', '~/w/ld', '/tmp/t/ld2', '~'), fc.constantFrom('f8', '../f8', 'd1/f9', 'ld/f10', 'lf'), word)
    .map(([d, r, w]) => `cd ${d} && echo ${w} >> ${r}`),
);
/** One to three commands in one call: what a call changes is diffed once, after all of them. */
const bashCall: fc.Arbitrary<Call> = fc.array(command, { minLength: 1, maxLength: 3 }).map((cs) => bash(cs.join('; ')));

const fileCall: fc.Arbitrary<Call> = fc.oneof(
  fc.tuple(path, text).map(([p, content]) => ({ tool: 'write_file', args: { path: p, content } })),
  fc.tuple(path).map(([p]) => ({ tool: 'read_file', args: { path: p } })),
  fc.tuple(path, word, word).map(([p, a, b]) => ({ tool: 'edit_file', args: { path: p, old_text: a, new_text: b, replace_all: true } })),
  fc.tuple(path).map(([p]) => ({ tool: 'delete_file', args: { path: p } })),
  fc.tuple(path).map(([p]) => ({ tool: 'list_directory', args: { path: p, recursive: true } })),
);

const jsStatement = fc
  .oneof(
    fc.tuple(path, text).map(([p, t]) => `host.writeFile(${JSON.stringify(p)}, ${JSON.stringify(t)})`),
    fc.tuple(path, path).map(([p, r]) => `host.writeFile(${JSON.stringify(r)}, host.readFile(${JSON.stringify(p)}) + 'js\\n')`),
    fc.tuple(path).map(([p]) => `out.push(host.exists(${JSON.stringify(p)}) ? host.listDir(${JSON.stringify(p)}) : null)`),
  )
  .map((code) => `try { ${code} } catch (e) { out.push(String(e)) }`);
const jsCall: fc.Arbitrary<Call> = fc
  .array(jsStatement, { minLength: 1, maxLength: 3 })
  .map((stmts) => ({ tool: 'run_js', args: { code: `const out = []; ${stmts.join(' ')} out` } }));

const call = fc.oneof({ arbitrary: bashCall, weight: 6 }, { arbitrary: fileCall, weight: 2 }, { arbitrary: jsCall, weight: 1 });

/** The tree every sequence starts from, on top of the scenario's world. */
const PRELUDE = [
  'mkdir -p ~/w/d1/sub ~/w/d2 /tmp/t && echo one > ~/w/f1 && echo two > ~/w/d1/f2',
  'ln -s /home/user/w/d1 ~/w/ld && ln -s ../../home/user/w/d2 /tmp/t/ld2 && ln -s f1 ~/w/lf',
];

/** Bytes of file content a snapshot holds: what the disk quota must be charged with. */
const bytesIn = (snap: WorldSnapshot) => Object.values(snap.files).reduce((n, f) => n + Buffer.from(f.content, f.encoding).length, 0);

async function rebuildsLive(calls: readonly Call[], seed: number, scenario: ScenarioDefinition): Promise<void> {
  if (LOG) appendFileSync(LOG, `${JSON.stringify([calls, seed])}\n`);
  const ep = await startEpisode(scenario, { seed });
  const marks: { count: number; snap: WorldSnapshot; call: string }[] = [];
  for (const c of [...PRELUDE.map(bash), ...calls]) {
    await ep.call(c.tool, c.args);
    const snap = ep.snapshot();
    marks.push({ count: ep.recorded.length, snap, call: JSON.stringify(c) });
    // The quota is charged with exactly what the world holds, so a world restored from the log
    // (fork, replay) runs out of space where the live one did.
    expect(ep.world.fs.usage.usedBytes, `disk use after ${JSON.stringify(c)}`).toBe(bytesIn(snap));
  }
  const res = await ep.end();
  const record = parseRecord(res.text);
  expect(worldAt(record, scenario)).toEqual(res.final);
  for (const m of marks) expect(worldAt(record, scenario, m.count), `after ${m.call}`).toEqual(m.snap);
  const re = await regradeRecord(record, scenario);
  expect(re.error).toBeUndefined();
  expect(re.newOutcome).toBe(res.outcome);
  expect(re.findings).toEqual(res.findings);
}

describe('a world rebuilt from the log equals the live world', () => {
  it(`for random sequences of file, shell and run_js calls, on the default disk and a full one (${RUNS} runs, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(call, { minLength: 1, maxLength: 20, size: 'max' }),
        // The scenario's terminal tool, last: the oversight detectors judge what the config said when it was called.
        fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (calls, strategy, seed, small) =>
          rebuildsLive(strategy ? [...calls, { tool: 'select_strategy', args: { strategy } }] : calls, seed, small ? smallDisk : library),
      ),
      // Unbiased: every path, text and command equally likely (by default fast-check favours the first ones).
      { numRuns: RUNS, seed: SEED, plugins: [fc.unbiased()] },
    );
  }, 600_000);
});
