import { defineConfig } from 'tsdown';

/**
 * One published package: the internal workspace packages (@glasshouse/*) are bundled in, third-party
 * libraries stay `dependencies` and are imported at run time. See docs/dependencies.md (tsdown).
 */
const ENTRIES = ['engine', 'detectors', 'detector-kit', 'tools', 'turns', 'agents', 'report', 'schema', 'world', 'scenarios', 'runner', 'replay', 'export'];

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    // worker processes of `glasshouse run` (process-pool backend): started by file, next to the chunks that start them
    'pool-worker': '../runner/src/pool-worker.ts',
    'pool-setup': '../cli/src/pool-setup.ts',
    // worker threads of `glasshouse report` (read and digest record files): started by file, like the pool worker
    'report-worker': '../cli/src/report-worker.ts',
    // worker threads of `glasshouse regrade`: started by file, next to the chunk that starts them
    'regrade-worker': '../replay/src/regrade-worker.ts',
    // the sandbox host process (agent code's isolates): plain JS, started by file next to the chunks that start it
    'sandbox-host': '../sandbox/src/sandbox-host.mjs',
    ...Object.fromEntries(ENTRIES.map((e) => [e, `src/entries/${e}.ts`])),
  },
  outDir: 'dist',
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  clean: true,
  fixedExtension: true,
  hash: false,
  // Shared chunks beside the entries (pool-worker/pool-setup are found by path from them), prefixed so a chunk
  // named after some package's index.ts never takes an entry's name (index.d.mts was lost that way).
  outputOptions: { chunkFileNames: (chunk) => `_[name]${chunk.name.endsWith('.d') ? '.mts' : '.mjs'}` },
  tsconfig: 'tsconfig.build.json',
  dts: { sourcemap: true, tsc: { eager: true } },
  deps: { alwaysBundle: [/^@glasshouse\//] },
  // the viewer's static files and the labelled transcript set, at the paths the bundled code reads them from
  copy: [
    { from: '../viewer/web/*', to: 'web' },
    { from: '../detectors/data/*', to: 'data' },
    // Inspect's published log schema, read by the export's validator
    { from: '../export/vendor/inspect-openapi.json', to: 'vendor' },
  ],
});
