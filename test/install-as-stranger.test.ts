import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Install Glasshouse the way a stranger would: build the published package, `npm pack` it, `npm install`
 * the tarball into an empty project outside the workspace (plain npm, no pnpm, no tsx), then use it:
 * the CLI, a scenario file of that project, an own loop in plain JavaScript and a strict NodeNext
 * TypeScript consumer.
 */
const ROOT = resolve(__dirname, '..');
const PKG = join(ROOT, 'packages/glasshouse');
const FIXTURES = join(__dirname, 'fixtures/consumer');
// Node 24 first on PATH, so npm, npx and the package's bin all run on it (the machine's own node may be older).
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: [dirname(process.execPath), join(ROOT, 'node_modules/.bin'), process.env.PATH ?? ''].join(delimiter),
  npm_config_update_notifier: 'false',
};
for (const k of Object.keys(env)) if (/^(npm_package_|npm_lifecycle_|pnpm_|OPENAI_|ANTHROPIC_)/i.test(k)) delete env[k];

function sh(cmd: string, args: string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}
const ok = (r: SpawnSyncReturns<string>) => expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);

let project = '';

describe('installed from its tarball into an empty project', () => {
  beforeAll(() => {
    ok(sh(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'tools/package/entrypoints.ts'], ROOT));
    ok(sh(process.execPath, [join(PKG, 'node_modules/tsdown/dist/run.mjs')], PKG));
    project = mkdtempSync(join(tmpdir(), 'glasshouse-stranger-'));
    const packed = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], PKG);
    ok(packed);
    const tarball = join(project, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'stranger', private: true, type: 'module' }, null, 2));
    for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(project, f));
    const install = sh(
      'npm',
      ['install', tarball, 'typescript@~5.9.3', '@types/node@^24', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      project,
      540_000,
    );
    ok(install);
  }, 600_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('is one package with built JavaScript, declarations, source maps and no workspace dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/glasshouse-sim/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      engines: { node: string };
      license: string;
    };
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@glasshouse/'))).toEqual([]);
    expect(pkg.engines.node).toBe('>=24');
    expect(pkg.license).toBe('Apache-2.0');
    const dist = readdirSync(join(project, 'node_modules/glasshouse-sim/dist'));
    expect(dist).toEqual(expect.arrayContaining(['index.mjs', 'index.d.mts', 'index.mjs.map', 'cli.mjs', 'detectors.d.mts']));
    expect(existsSync(join(project, 'node_modules/glasshouse-sim/src'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
    // the native isolate library resolved in the user's project
    expect(existsSync(join(project, 'node_modules/isolated-vm/package.json'))).toBe(true);
  });

  it('npx glasshouse --help lists the agent spec formats; list pipes into head without a stack trace', () => {
    const help = sh('npx', ['--no-install', 'glasshouse', '--help'], project);
    ok(help);
    expect(help.stdout).toMatch(/openai:gpt-4\.1/);
    const list = sh('sh', ['-c', 'npx --no-install glasshouse list | head -n 1'], project);
    ok(list);
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
    expect(list.stderr).not.toMatch(/EPIPE|at .*\(/);
  });

  it('npx glasshouse demo writes records and a report', () => {
    const r = sh('npx', ['--no-install', 'glasshouse', 'demo', '--scenarios', 'covert-rule-violation', '--out', 'out/demo'], project);
    ok(r);
    expect(readdirSync(join(project, 'out/demo/records')).length).toBeGreaterThan(0);
    expect(existsSync(join(project, 'out/demo/report.html'))).toBe(true);
    const header = JSON.parse(readFileSync(join(project, 'out/demo/records', readdirSync(join(project, 'out/demo/records'))[0]!), 'utf8').split('\n')[0]!) as {
      packageVersions?: Record<string, string>;
    };
    expect(JSON.stringify(header)).toContain('glasshouse-sim');
  });

  it("npx glasshouse check proves a TypeScript scenario of the user's project (no tsx)", () => {
    const r = sh('npx', ['--no-install', 'glasshouse', 'check', './office-scenario.ts'], project);
    ok(r);
    expect(r.stdout).toMatch(/^ok\s+expense-policy-edit/m);
  });

  it('--scenario-file: a single run, a matrix, replay and regrade of the external scenario', () => {
    const sf = ['--scenario-file', './office-scenario.ts'];
    const one = sh('npx', ['--no-install', 'glasshouse', 'run', 'expense-policy-edit', ...sf, '--agent', 'scripted:covert', '--out', 'out/single'], project);
    ok(one);
    expect(one.stdout).toMatch(/COVERT/i);
    const replay = sh('npx', ['--no-install', 'glasshouse', 'replay', 'out/single', ...sf], project);
    ok(replay);
    expect(replay.stdout).toMatch(/^identical/m);
    const matrix = sh(
      'npx',
      ['--no-install', 'glasshouse', 'run', ...sf, '--scenarios', 'expense-*', '--agent', 'scripted:honest', '--no-report', '--out', 'out/matrix'],
      project,
    );
    ok(matrix);
    const regrade = sh('npx', ['--no-install', 'glasshouse', 'regrade', 'out/matrix', ...sf], project);
    ok(regrade);
    expect(regrade.stdout).toMatch(/2 records regraded, 0 (verdicts|outcomes) changed/);
    // an Inspect log Inspect's viewer lists: <ISO time>_<task>_<id>.eval, a zip with header.json
    const exported = sh('npx', ['--no-install', 'glasshouse', 'export', 'inspect', 'out/matrix', '--out', 'logs'], project);
    ok(exported);
    const logs = readdirSync(join(project, 'logs'));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\+00-00_glasshouse_[A-Za-z0-9]+\.eval$/);
    expect(
      readFileSync(join(project, 'logs', logs[0]!))
        .subarray(0, 4)
        .toString('hex'),
    ).toBe('504b0304');
    const missing = sh('npx', ['--no-install', 'glasshouse', 'replay', 'out/single'], project);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/not in the library: pass its module with --scenario-file/);
  });

  it('view serves the viewer page from the installed package', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(join(project, 'node_modules/.bin/glasshouse'), ['view', 'out/single', '--scenario-file', './office-scenario.ts'], {
      cwd: project,
      env,
    });
    try {
      const url = await new Promise<string>((res, rej) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) res(m[1]!);
        });
        child.on('exit', (code) => rej(new Error(`viewer exited ${code}: ${out}`)));
      });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const { episodes } = (await (await fetch(`${url}/api/episodes`)).json()) as { episodes: { id: string }[] };
      expect(episodes).toHaveLength(1);
      // the seed world comes from the --scenario-file module
      const world = (await (await fetch(`${url}/api/episodes/${encodeURIComponent(episodes[0]!.id)}/world?at=0`)).json()) as {
        fromSeed: boolean;
        files: Record<string, unknown>;
      };
      expect(world.fromSeed).toBe(true);
      expect(Object.keys(world.files)).toContain('/srv/finance/expense_policy.md');
    } finally {
      child.kill();
    }
  });

  it('runs an own loop written in plain ESM JavaScript', () => {
    const r = sh(process.execPath, ['--no-node-snapshot', 'own-loop.mjs'], project);
    ok(r);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { verdict: string; events: number; js: { isError: boolean; content: string } };
    expect(out.verdict).toBe('clean');
    expect(out.events).toBeGreaterThan(3);
    // run_js went through the sandbox host process and isolated-vm of the installed package
    expect(out.js.isError).toBe(false);
    expect(out.js.content).toContain('42');
  });

  it('type-checks a strict NodeNext TypeScript consumer', () => {
    const r = sh(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    expect(r.stdout + r.stderr).toBe('');
    ok(r);
  });
});
