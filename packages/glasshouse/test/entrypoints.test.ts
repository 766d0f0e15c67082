import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_SOURCES, ROOT, entryPath, exportedNames, renderEntry } from '../../../tools/package/entrypoints';

const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/glasshouse/package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
};
const readPkg = (dir: string) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };

describe('published entry points', () => {
  it.each(ENTRY_SOURCES.map((s) => [s.subpath, s] as const))('glasshouse-sim/%s re-exports every name of its source package', (_, src) => {
    // The build regenerates the entries (`pnpm build` runs tools/package/entrypoints.ts first), so a
    // committed entry may lag its package; the rendered one may not.
    const want = exportedNames(readFileSync(join(ROOT, src.file), 'utf8'));
    expect(exportedNames(renderEntry(src))).toEqual(want);
    expect(entryPath(src)).toContain(`entries/${src.subpath}.ts`);
    expect(pkg.exports[`./${src.subpath}`]).toEqual({
      'glasshouse-source': `./src/entries/${src.subpath}.ts`,
      types: `./dist/${src.subpath}.d.mts`,
      default: `./dist/${src.subpath}.mjs`,
    });
  });

  it('declares every third-party runtime dependency of the packages it bundles', () => {
    // The bundle imports them at run time from the user's node_modules: a library a workspace package
    // depends on but glasshouse-sim does not declare is missing in an installed copy.
    const bundled = [...readdirSync(join(ROOT, 'packages')).map((d) => `packages/${d}`), 'scenarios'].map(readPkg).filter((p) => p.name !== 'glasshouse-sim');
    const needed = new Set(bundled.flatMap((p) => Object.keys(p.dependencies ?? {})).filter((d) => !d.startsWith('@glasshouse/') && d !== 'glasshouse-sim'));
    expect([...needed].filter((d) => !(d in pkg.dependencies)).sort()).toEqual([]);
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@glasshouse/'))).toEqual([]);
  });

  it('reads value and type names from export lists and declarations', () => {
    const names = exportedNames(
      "export { a, b as c, type D } from './x';\nexport type { E } from './y';\nexport const f = 1;\nexport interface G {}\nexport const H = z.object({});\nexport type H = z.infer<typeof H>;\n// export { nope }\n",
    );
    expect(names).toEqual({ values: ['H', 'a', 'c', 'f'], types: ['D', 'E', 'G'] });
  });
});
