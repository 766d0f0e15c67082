import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 as AjvInstance, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Validation against Inspect's own published schema of its log types (vendor/inspect-openapi.json, see
 * vendor/README.md for the commit), with a standard JSON Schema 2020-12 validator. Loaded on first use:
 * the schema is 300 KB and only exports need it.
 */
export type InspectSchemaName = 'EvalLog' | 'EvalSample' | 'EvalSampleSummary' | 'EvalSpec' | 'EvalPlan';

// vendor/ beside src/ in the workspace; <package>/vendor above dist/ in the published bundle.
const CANDIDATES = ['../vendor/inspect-openapi.json', '../../vendor/inspect-openapi.json'];

let ajv: AjvInstance | undefined;
const compiled = new Map<InspectSchemaName, ValidateFunction>();

function loadSchemaDocument(): Record<string, unknown> {
  for (const rel of CANDIDATES) {
    try {
      return JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as Record<string, unknown>;
    } catch {
      /* next candidate */
    }
  }
  throw new Error(`Inspect schema not found (looked for ${CANDIDATES.join(', ')} next to ${import.meta.url})`);
}

function validatorFor(name: InspectSchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (v) return v;
  if (!ajv) {
    // OpenAPI 3.1 schemas are JSON Schema 2020-12 plus a few annotation keywords (discriminator, example).
    // Ajv (CommonJS) loads here, on the first validation, not when the CLI starts.
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addKeyword('discriminator');
    ajv.addKeyword('example');
    ajv.addSchema({ ...loadSchemaDocument(), $id: 'inspect-openapi.json' });
  }
  v = ajv.compile({ $ref: `inspect-openapi.json#/components/schemas/${name}` });
  compiled.set(name, v);
  return v;
}

function issueOf(e: ErrorObject): { path: string; message: string } {
  const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (missing !== undefined) segments.push(missing);
  return { path: segments.join('.'), message: e.message ?? 'is invalid' };
}

/**
 * Issues of `value` against Inspect's schema `name` (empty when it conforms). A union (anyOf/oneOf)
 * that fails reports the alternatives' issues too; the first few are kept.
 */
export function inspectSchemaIssues(value: unknown, name: InspectSchemaName = 'EvalLog'): { path: string; message: string }[] {
  const v = validatorFor(name);
  if (v(value)) return [];
  const seen = new Set<string>();
  const out: { path: string; message: string }[] = [];
  for (const e of v.errors ?? []) {
    const issue = issueOf(e);
    const key = `${issue.path}: ${issue.message}`;
    if (!seen.has(key)) seen.add(key), out.push(issue);
    if (out.length >= 20) break;
  }
  return out;
}
