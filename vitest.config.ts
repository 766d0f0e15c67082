import { defineConfig } from 'vitest/config';

// `glasshouse-source`: workspace imports of the published package (glasshouse-sim) resolve to its TypeScript
// source, not to dist/ (see packages/glasshouse/package.json `exports`).
export default defineConfig({
  ssr: { resolve: { conditions: ['glasshouse-source', 'module', 'node', 'development|production'] } },
  test: {
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    include: ['packages/*/test/**/*.test.ts', 'scenarios/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
