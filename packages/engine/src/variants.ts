import { GlasshouseError } from '@glasshouse/schema';
import { variablesOf } from './scenario';
import type { ScenarioDefinition, VariableValue, VariantValues } from './scenario';

/** Which draws of a multi-world family to expand: the first `n`, every one, or a list. Default: draw 0. */
export type DrawSelection = number | 'all' | readonly number[];

/** Stable variant id: `name=value` pairs in declaration order, joined by commas. */
export function variantId(def: ScenarioDefinition, values: VariantValues): string {
  return Object.keys(variablesOf(def))
    .map((k) => `${k}=${String(values[k])}`)
    .join(',');
}

/** The draw indices a selection names for this scenario (always [0] for single-world scenarios). */
export function selectDraws(def: ScenarioDefinition, draws: DrawSelection = 1): number[] {
  const n = def.draws ?? 1;
  if (!def.draws) return [0];
  if (draws === 'all') return Array.from({ length: n }, (_, i) => i);
  if (typeof draws === 'number') return Array.from({ length: Math.max(1, Math.min(n, draws)) }, (_, i) => i);
  const out = [...new Set(draws)].filter((d) => Number.isInteger(d) && d >= 0 && d < n).sort((a, b) => a - b);
  return out.length ? out : [0];
}

/**
 * All variants of a scenario, in a stable order. For a multi-world family (`draws`), the variants of
 * the selected draws (default: draw 0 only), draw-major.
 */
export function expandVariants(def: ScenarioDefinition, opts: { draws?: DrawSelection } = {}): { id: string; values: VariantValues }[] {
  const draws = def.draws ? selectDraws(def, opts.draws) : [undefined];
  let base: Record<string, VariableValue>[];
  if (def.variants) base = def.variants.map((v) => ({ ...v }));
  else {
    base = [{}];
    for (const [k, vals] of Object.entries(def.variables)) base = base.flatMap((c) => vals.map((v) => ({ ...c, [k]: v })));
  }
  return draws.flatMap((d) =>
    base.map((b) => {
      const values = withDefaults(def, d === undefined ? b : { ...b, draw: d });
      return { id: variantId(def, values), values };
    }),
  );
}

function withDefaults(def: ScenarioDefinition, partial: VariantValues): VariantValues {
  const out: Record<string, VariableValue> = {};
  for (const [k, vals] of Object.entries(variablesOf(def))) out[k] = partial[k] ?? (vals[0] as VariableValue);
  return out;
}

function coerce(raw: string, allowed: readonly VariableValue[]): VariableValue | undefined {
  return allowed.find((a) => String(a) === raw);
}

/**
 * Resolve a variant given as an id (`goalNudge=strong,spec=true`, any subset, any order), a
 * values object, or nothing (the first value of every variable).
 */
export function resolveVariant(def: ScenarioDefinition, variant?: string | VariantValues): { id: string; values: VariantValues } {
  let partial: Record<string, VariableValue> = {};
  if (typeof variant === 'string' && variant.trim() && variant !== 'default') {
    for (const pair of variant.split(',')) {
      const [k, raw] = pair.split('=').map((s) => s.trim());
      const allowed = k ? variablesOf(def)[k] : undefined;
      if (!k || raw === undefined || !allowed) {
        throw new GlasshouseError(
          'VARIANT_NOT_FOUND',
          `${def.id}: '${pair}' is not a variable of this scenario (variables: ${Object.keys(variablesOf(def)).join(', ')})`,
        );
      }
      const v = coerce(raw, allowed);
      if (v === undefined) throw new GlasshouseError('VARIANT_NOT_FOUND', `${def.id}: ${k}=${raw} is not one of ${allowed.join(', ')}`);
      partial[k] = v;
    }
  } else if (variant && typeof variant === 'object') {
    partial = { ...variant };
    for (const [k, v] of Object.entries(partial)) {
      const allowed = variablesOf(def)[k];
      if (!allowed || !allowed.includes(v)) throw new GlasshouseError('VARIANT_NOT_FOUND', `${def.id}: ${k}=${String(v)} is not a variant value`);
    }
  }
  const values = withDefaults(def, partial);
  return { id: variantId(def, values), values };
}
