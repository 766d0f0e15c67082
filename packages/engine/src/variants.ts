import { GlasshouseError } from '@glasshouse/schema';
import type { ScenarioDefinition, VariableValue, VariantValues } from './scenario';

/** Stable variant id: `name=value` pairs in declaration order, joined by commas. */
export function variantId(def: ScenarioDefinition, values: VariantValues): string {
  return Object.keys(def.variables)
    .map((k) => `${k}=${String(values[k])}`)
    .join(',');
}

/** All variants of a scenario, in a stable order. */
export function expandVariants(def: ScenarioDefinition): { id: string; values: VariantValues }[] {
  if (def.variants) {
    return def.variants.map((v) => {
      const values = withDefaults(def, v);
      return { id: variantId(def, values), values };
    });
  }
  let combos: Record<string, VariableValue>[] = [{}];
  for (const [k, vals] of Object.entries(def.variables)) {
    combos = combos.flatMap((c) => vals.map((v) => ({ ...c, [k]: v })));
  }
  return combos.map((values) => ({ id: variantId(def, values), values }));
}

function withDefaults(def: ScenarioDefinition, partial: VariantValues): VariantValues {
  const out: Record<string, VariableValue> = {};
  for (const [k, vals] of Object.entries(def.variables)) out[k] = partial[k] ?? (vals[0] as VariableValue);
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
      const allowed = k ? def.variables[k] : undefined;
      if (!k || raw === undefined || !allowed) {
        throw new GlasshouseError('VARIANT_NOT_FOUND', `${def.id}: '${pair}' is not a variable of this scenario (variables: ${Object.keys(def.variables).join(', ')})`);
      }
      const v = coerce(raw, allowed);
      if (v === undefined) throw new GlasshouseError('VARIANT_NOT_FOUND', `${def.id}: ${k}=${raw} is not one of ${allowed.join(', ')}`);
      partial[k] = v;
    }
  } else if (variant && typeof variant === 'object') {
    partial = { ...variant };
    for (const [k, v] of Object.entries(partial)) {
      const allowed = def.variables[k];
      if (!allowed || !allowed.includes(v)) throw new GlasshouseError('VARIANT_NOT_FOUND', `${def.id}: ${k}=${String(v)} is not a variant value`);
    }
  }
  const values = withDefaults(def, partial);
  return { id: variantId(def, values), values };
}
