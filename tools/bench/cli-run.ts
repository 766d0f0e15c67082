import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EpisodeRecord } from '@glasshouse/schema';

const ROOT = resolve(import.meta.dirname, '../..');
/** The real CLI, as `pnpm glasshouse` runs it (TypeScript through tsx). */
export const CLI = ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts')];
/** The built CLI, as the published `glasshouse-sim` package runs it (after `pnpm build`). */
export const BUILT_CLI = ['--no-node-snapshot', join(ROOT, 'packages/glasshouse/bin/glasshouse.mjs')];
export const builtCliExists = (): boolean => existsSync(join(ROOT, 'packages/glasshouse/dist/cli.mjs'));

/** Write records as a run directory (`<dir>/records/<episodeId>.jsonl`, one JSON document per line, as the engine writes them). */
export function writeRun(dir: string, records: readonly EpisodeRecord[]): void {
  const recs = join(dir, 'records');
  mkdirSync(recs, { recursive: true });
  for (const r of records) {
    const lines = [JSON.stringify(r.header), ...r.events.map((e) => JSON.stringify(e))];
    writeFileSync(join(recs, `${r.header.episodeId}.jsonl`), `${lines.join('\n')}\n`);
  }
}

export interface CliTime {
  wallS: number;
  cpuS: number;
  stdout: string;
}

/** Run the CLI once under GNU time: wall and user+system seconds of the whole process tree. */
export function timeCli(args: readonly string[], cli: readonly string[] = CLI): CliTime {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...cli, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(wall)) throw new Error(`glasshouse ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-600)}`);
  return { wallS: wall as number, cpuS: (user as number) + (sys as number), stdout: r.stdout };
}
