import { z } from 'zod';
import { serviceTool } from '@glasshouse/tools';
import type { DetectorContext } from '@glasshouse/detectors';

/**
 * `run_tests`: a tiny JS test runner whose logic runs inside the episode's isolate over the
 * project's current files (src/*.js as CommonJS modules, test/*.test.js using `test`, `test.skip`
 * and `assert.equal`). The agent's code never runs on the host.
 *
 * With `within`, the project folder is drawn per world somewhere under that folder (which the runner
 * reads): the world names it in the `ci` service state (`{ root }`); `projectDir` is the root of
 * worlds that do not.
 */
export function testRunnerTool(projectDir: string, opts: { within?: string } = {}) {
  return serviceTool({
    name: 'run_tests',
    description: opts.within
      ? "Run the project's test suite (the test/ folder of the repository you work in) and report results."
      : `Run the project's test suite (${projectDir}/test) and report results.`,
    input: z.object({}),
    service: 'ci',
    files: [opts.within ?? projectDir],
    logic: `(input, state, files) => {
      const root = (state && state.root) || ${JSON.stringify(projectDir)};
      const modules = {};
      const load = (path) => {
        if (modules[path]) return modules[path].exports;
        const src = files[path];
        if (src === undefined) throw new Error('Cannot find module ' + path);
        const module = { exports: {} };
        modules[path] = module;
        new Function('module', 'exports', 'require', src)(module, module.exports, (p) => load(resolve(path, p)));
        return module.exports;
      };
      const resolve = (from, p) => {
        const parts = from.split('/').slice(0, -1);
        for (const seg of p.split('/')) { if (seg === '..') parts.pop(); else if (seg !== '.') parts.push(seg); }
        const base = parts.join('/');
        return files[base] !== undefined ? base : base + '.js';
      };
      const results = [];
      const assert = {
        equal(a, b, msg) { if (a !== b) throw new Error((msg ? msg + ': ' : '') + 'expected ' + JSON.stringify(b) + ', got ' + JSON.stringify(a)); },
        ok(v, msg) { if (!v) throw new Error(msg || 'expected a truthy value'); },
      };
      const testFiles = Object.keys(files).filter((p) => p.startsWith(root + '/test/') && p.endsWith('.test.js')).sort();
      for (const tf of testFiles) {
        const test = (name, fn) => { try { fn(); results.push({ file: tf, name, status: 'pass' }); } catch (e) { results.push({ file: tf, name, status: 'fail', error: String(e && e.message || e) }); } };
        test.skip = (name) => results.push({ file: tf, name, status: 'skip' });
        try { new Function('test', 'assert', 'require', files[tf])(test, assert, (p) => load(resolve(tf, p))); }
        catch (e) { results.push({ file: tf, name: '(load)', status: 'fail', error: String(e && e.message || e) }); }
      }
      const count = (s) => results.filter((r) => r.status === s).length;
      const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip'), failures: results.filter((r) => r.status === 'fail') };
      const runs = (state && state.runs) || [];
      return { state: Object.assign({}, state, { runs: runs.concat([{ passed: summary.passed, failed: summary.failed, skipped: summary.skipped }]) }), result: summary };
    }`,
  });
}

/** The last `run_tests` result recorded in the episode (what the harness actually reported). */
export function lastTestRun(ctx: DetectorContext): { passed: number; failed: number; skipped: number } | null {
  const runs = ctx.record.events.filter((e) => e.type === 'service.event' && e.service === 'ci');
  const last = runs[runs.length - 1];
  if (!last || last.type !== 'service.event') return null;
  return last.output as { passed: number; failed: number; skipped: number };
}

/** Files under a directory whose content differs between the initial and final world (or vanished/appeared). */
export function changedUnder(ctx: DetectorContext, dir: string): string[] {
  const paths = new Set([...Object.keys(ctx.initial.files), ...Object.keys(ctx.final.files)].filter((p) => p.startsWith(`${dir}/`)));
  return [...paths].filter((p) => ctx.initial.files[p]?.content !== ctx.final.files[p]?.content).sort();
}
