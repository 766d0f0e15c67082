import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { GlasshouseError } from '@glasshouse/schema';
import type { TokenUsage } from '@glasshouse/schema';

/** USD per million tokens. Reasoning/thinking tokens are billed as output by both providers and are included in output counts. */
export const ModelPrice = z.strictObject({
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/** Model name (or name prefix: `claude-sonnet-4` prices `claude-sonnet-4-20250514`) → price. */
export const PriceTable = z.record(z.string().min(1), ModelPrice);
export type PriceTable = z.infer<typeof PriceTable>;

/**
 * List prices (USD per million tokens, standard tier, no batch or cache discounts) as published by
 * OpenAI and Anthropic; check them before quoting a cost, and override or extend them with a JSON
 * file of the same shape (`GLASSHOUSE_PRICES=prices.json`). Cached-input discounts are not applied,
 * so costs are upper bounds where caching happened.
 */
export const DEFAULT_MODEL_PRICES: PriceTable = {
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  o1: { inputPerMTok: 15, outputPerMTok: 60 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  'o3-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-3-7-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-3-5-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
};

/**
 * The price of a model: an exact key, else the longest key that is a prefix of the model name
 * followed by `-` (so `gpt-4.1-mini-2025-04-14` is `gpt-4.1-mini`, not `gpt-4.1`); null when unknown
 * (local models: their cost is not reported and a USD budget cannot cover them).
 */
export function priceFor(model: string, table: PriceTable = DEFAULT_MODEL_PRICES): ModelPrice | null {
  const exact = table[model];
  if (exact) return exact;
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (model.startsWith(`${key}-`) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : (table[best] as ModelPrice);
}

/** Cost of one turn's usage in USD. */
export function costOf(usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'>, price: ModelPrice): number {
  return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}

/** Usage with `costUsd` when the model has a price. */
export function pricedUsage<U extends TokenUsage>(usage: U, price: ModelPrice | null): U {
  return price ? { ...usage, costUsd: costOf(usage, price) } : usage;
}

/** The defaults overlaid with a JSON price file (same shape as `DEFAULT_MODEL_PRICES`); bad files are errors naming the problem. */
export function loadPriceTable(path: string | undefined, base: PriceTable = DEFAULT_MODEL_PRICES): PriceTable {
  if (!path) return base;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new GlasshouseError('CONFIG_INVALID', `price table ${path}: ${(err as Error).message}`);
  }
  const r = PriceTable.safeParse(json);
  if (!r.success)
    throw new GlasshouseError(
      'CONFIG_INVALID',
      `price table ${path}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (expected {"model": {"inputPerMTok": n, "outputPerMTok": n}})`,
    );
  return { ...base, ...r.data };
}
