import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOf, DEFAULT_MODEL_PRICES, loadPriceTable, priceFor, pricedUsage } from '@glasshouse/agents';

describe('model price table', () => {
  it('finds exact names, then the longest dated/suffixed prefix; unknown models have no price', () => {
    expect(priceFor('gpt-4.1')).toEqual({ inputPerMTok: 2, outputPerMTok: 8 });
    expect(priceFor('gpt-4.1-mini-2025-04-14')).toEqual(DEFAULT_MODEL_PRICES['gpt-4.1-mini']);
    expect(priceFor('claude-sonnet-4-20250514')).toEqual(DEFAULT_MODEL_PRICES['claude-sonnet-4']);
    expect(priceFor('claude-sonnet-4-5-20250929')).toEqual(DEFAULT_MODEL_PRICES['claude-sonnet-4-5']);
    expect(priceFor('gpt-4.10')).toBeNull(); // a prefix must end at a '-'
    expect(priceFor('Qwen/Qwen3-8B')).toBeNull();
  });

  it('costs per million tokens: 1,000 in + 250 out on gpt-4.1 = $0.004', () => {
    expect(costOf({ inputTokens: 1000, outputTokens: 250 }, priceFor('gpt-4.1')!)).toBeCloseTo(0.004, 15);
    expect(pricedUsage({ inputTokens: 10, outputTokens: 1 }, null)).toEqual({ inputTokens: 10, outputTokens: 1 });
  });

  it('a JSON file overrides and extends the defaults; a bad file is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-prices-'));
    const good = join(dir, 'p.json');
    writeFileSync(good, JSON.stringify({ 'Qwen/Qwen3-8B': { inputPerMTok: 0.05, outputPerMTok: 0.1 }, 'gpt-4.1': { inputPerMTok: 1, outputPerMTok: 4 } }));
    const t = loadPriceTable(good);
    expect(priceFor('Qwen/Qwen3-8B', t)).toEqual({ inputPerMTok: 0.05, outputPerMTok: 0.1 });
    expect(priceFor('gpt-4.1', t)).toEqual({ inputPerMTok: 1, outputPerMTok: 4 });
    expect(priceFor('o3', t)).toEqual(DEFAULT_MODEL_PRICES['o3']);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ m: { input: 1 } }));
    expect(() => loadPriceTable(bad)).toThrow(/price table .*bad\.json: m/);
    expect(loadPriceTable(undefined)).toBe(DEFAULT_MODEL_PRICES);
  });
});
