import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GlasshouseError } from '@glasshouse/schema';
import { validateScenario } from '@glasshouse/engine';
import type { ScenarioDefinition } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';

/** The scenarios a CLI invocation knows: the library plus any `--scenario-file` modules. */
export interface ScenarioCatalog {
  readonly all: readonly ScenarioDefinition[];
  /** Only the scenarios loaded from files (what `check` proves when no scenario is named). */
  readonly external: readonly ScenarioDefinition[];
  /** The --scenario-file arguments (absolute paths), for worker processes that load the same modules. */
  readonly files: readonly string[];
  find(id: string): ScenarioDefinition | undefined;
}

const MODULE = /\.(m?ts|m?js)$/;
const SKIP = /\.(test|spec|d)\.m?[jt]s$/;

/** Modules of a directory: its own *.ts/*.js files and `<dir>/<name>/scenario.{ts,js}` (the library's layout). */
function modulesIn(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isFile() && MODULE.test(name) && !SKIP.test(name)) out.push(p);
    else if (st.isDirectory() && name !== 'node_modules' && !name.startsWith('.')) {
      const inner = ['scenario.ts', 'scenario.mts', 'scenario.js', 'scenario.mjs']
        .map((f) => join(p, f))
        .find((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
      if (inner) out.push(inner);
    }
  }
  return out;
}

/** Why Node could not load a TypeScript scenario, in words a scenario author can act on. */
function loadHint(err: NodeJS.ErrnoException): string {
  if (err.code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX')
    return ' (Node runs .ts scenario files by stripping types: use `import type` for types and avoid enums, namespaces and parameter properties)';
  if (err.code === 'ERR_UNKNOWN_FILE_EXTENSION') return ' (TypeScript scenario files need Node 24 or later)';
  if (/does not provide an export named/.test(err.message))
    return ' (a type imported without `import type`? Node strips types and needs type-only imports marked)';
  if (err.code === 'ERR_MODULE_NOT_FOUND' && /glasshouse-sim/.test(err.message))
    return ' (install glasshouse-sim in the project that holds the scenario: npm install glasshouse-sim)';
  return '';
}

/** Import one scenario module (TypeScript runs through Node's built-in type stripping) and validate it. */
export async function importScenario(path: string): Promise<ScenarioDefinition>;
/** With `optional`, a module that exports no scenario at all (a helper beside the scenarios) gives undefined. */
export async function importScenario(path: string, opts: { optional: true }): Promise<ScenarioDefinition | undefined>;
export async function importScenario(path: string, opts: { optional?: boolean } = {}): Promise<ScenarioDefinition | undefined> {
  const file = resolve(path);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new GlasshouseError('SCENARIO_NOT_FOUND', `cannot load scenario module ${file}: ${e.message.split('\n')[0]}${loadHint(e)}`);
  }
  const def = mod.scenario ?? mod.default;
  if (!def && opts.optional) return undefined;
  if (!def) throw new GlasshouseError('SCENARIO_INVALID', `${file}: module exports neither 'scenario' nor a default export`);
  return validateScenario(def, file);
}

/** Load `--scenario-file` arguments: each a module or a directory of them. */
export async function loadScenarioFiles(paths: readonly string[]): Promise<ScenarioDefinition[]> {
  const out: ScenarioDefinition[] = [];
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new GlasshouseError('SCENARIO_NOT_FOUND', `--scenario-file ${p}: no such file or directory`);
    const files = st.isDirectory() ? modulesIn(p) : [p];
    if (st.isDirectory() && files.length === 0)
      throw new GlasshouseError('SCENARIO_NOT_FOUND', `--scenario-file ${p}: no scenario modules (*.ts, *.js or <name>/scenario.ts) in this directory`);
    // In a directory, modules without a scenario export are helpers (shared plants, detectors) and are skipped.
    for (const f of files) {
      const def = st.isDirectory() ? await importScenario(f, { optional: true }) : await importScenario(f);
      if (def) out.push(def);
    }
    if (st.isDirectory() && out.length === 0)
      throw new GlasshouseError('SCENARIO_NOT_FOUND', `--scenario-file ${p}: no module in this directory exports a scenario`);
  }
  return out;
}

/** Library + external scenarios; an id may be defined once. */
export function scenarioCatalog(
  external: readonly ScenarioDefinition[] = [],
  library: readonly ScenarioDefinition[] = SCENARIOS,
  files: readonly string[] = [],
): ScenarioCatalog {
  const byId = new Map<string, ScenarioDefinition>();
  for (const s of library) byId.set(s.id, s);
  const seen = new Set<string>();
  for (const s of external) {
    if (seen.has(s.id)) throw new GlasshouseError('SCENARIO_INVALID', `scenario id '${s.id}' is defined by two --scenario-file modules`);
    if (byId.has(s.id))
      throw new GlasshouseError('SCENARIO_INVALID', `scenario id '${s.id}' from --scenario-file is already a library scenario: give it another id`);
    seen.add(s.id);
    byId.set(s.id, s);
  }
  const all = [...byId.values()];
  return { all, external: [...external], files: files.map((f) => resolve(f)), find: (id) => byId.get(id) };
}
