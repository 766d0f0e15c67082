#!/usr/bin/env -S node --no-node-snapshot
// The published CLI: built JavaScript, no transpiler at run time. isolated-vm asks for --no-node-snapshot on
// Node 20 and later; the shebang passes it (npm's Windows shims read `env -S` too), and a start through plain
// `node bin/glasshouse.mjs` re-launches once with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--no-node-snapshot', ...process.execArgv, self, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const { main } = await import('../dist/cli.mjs');
await main(process.argv);
