/**
 * The module worker processes (`run --workers`) and regrade worker threads import to load the library
 * plus the command's --scenario-file modules. From source: ../pool-setup.ts; in the published bundle
 * every chunk sits in dist/ beside pool-setup.mjs.
 */
export function poolSetupModule(): string {
  return new URL(import.meta.url.endsWith('.ts') ? '../pool-setup.ts' : './pool-setup.mjs', import.meta.url).href;
}
