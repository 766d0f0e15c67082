import { compareText } from '@glasshouse/schema';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: Record<string, string> | null = null;

function findPackageJson(entry: string, name: string): string | null {
  let dir = dirname(entry);
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      /* keep walking up */
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/**
 * Versions recorded in every record header: the engine's own packages and the libraries whose
 * behaviour shapes the world (shell, filesystem, isolate, schemas).
 */
export function packageVersions(): Record<string, string> {
  if (cached) return cached;
  const out: Record<string, string> = {};
  const req = createRequire(import.meta.url);
  const from: [string, string[]][] = [
    ['@glasshouse/schema', ['zod']],
    ['@glasshouse/world', []],
    ['@glasshouse/shell', ['just-bash']],
    ['@glasshouse/sandbox', ['isolated-vm']],
  ];
  let own: string | null = null;
  try {
    own = findPackageJson(req.resolve('./package-versions.ts').replace(/src\/.*$/, 'src/x'), '@glasshouse/engine');
  } catch {
    /* bundled into the published package: no source file beside this module */
  }
  if (own) {
    out['@glasshouse/engine'] = own;
    for (const [pkg, deps] of from) {
      let entry: string;
      try {
        entry = req.resolve(pkg);
      } catch {
        continue;
      }
      const v = findPackageJson(entry, pkg);
      if (v) out[pkg] = v;
      const sub = createRequire(entry);
      for (const dep of deps) {
        try {
          const dv = findPackageJson(sub.resolve(dep), dep);
          if (dv) out[dep] = dv;
        } catch {
          /* optional */
        }
      }
    }
  } else {
    // Inside the published `glasshouse-sim` bundle the workspace packages are not resolvable: record the
    // package's own version and the world-shaping libraries it depends on.
    const published = findPackageJson(fileURLToPath(import.meta.url), 'glasshouse-sim');
    if (published) out['glasshouse-sim'] = published;
    for (const dep of from.flatMap(([, deps]) => deps)) {
      try {
        const dv = findPackageJson(req.resolve(dep), dep);
        if (dv) out[dep] = dv;
      } catch {
        /* optional */
      }
    }
  }
  cached = Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareText(a, b)));
  return cached;
}
