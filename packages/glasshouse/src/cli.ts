// Entry of the built CLI (dist/cli.mjs), started by bin/glasshouse.mjs. It imports the CLI's main module
// only (not @glasshouse/cli's index, which pulls in the scenario library): commands load what they need.
export { main } from '@glasshouse/cli/main';
