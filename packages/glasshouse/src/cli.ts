// Entry of the built CLI (dist/cli.mjs), started by bin/glasshouse.mjs.
export { main } from '@glasshouse/cli';
