#!/usr/bin/env node
// Runs the TypeScript CLI from source inside this repository (tsx, no build step). The published package's
// CLI is packages/glasshouse/bin/glasshouse.mjs (built JavaScript). isolated-vm asks for --no-node-snapshot.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const r = spawnSync(process.execPath, ['--no-node-snapshot', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/main.ts');
await main(process.argv);
