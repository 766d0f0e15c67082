#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step). isolated-vm wants --no-node-snapshot on Node 20,
// so re-launch with it when it is missing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const r = spawnSync(process.execPath, ['--no-node-snapshot', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
