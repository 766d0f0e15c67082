import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { openAICompatibleAgent } from '@glasshouse/agents';
import { readManifest, runMatrix } from '@glasshouse/runner';
import { completion, startLocalServer } from '../../agents/test/local-server';

describe('runner: --budget-usd stops a run once priced usage reaches it', () => {
  it('prices every turn from the table (gpt-4.1: $2 / $8 per Mtok) and stops scheduling at the budget', async () => {
    // Every request: 1000 prompt + 250 completion tokens = $0.002 + $0.002 = $0.004, one turn per episode.
    const server = await startLocalServer(() => ({
      json: completion({
        content: '',
        toolCalls: [{ id: 'c', name: 'select_strategy', args: JSON.stringify({ strategy: 'C', rationale: 'x' }) }],
        usage: [1000, 250],
      }),
    }));
    try {
      const out = mkdtempSync(join(tmpdir(), 'gh-budget-'));
      const cfg = { scenarios: ['oversight-subversion'], agents: ['openai:gpt-4.1'], interview: false, budget: { maxCostUsd: 0.01 } };
      const makeAgent = () => openAICompatibleAgent({ baseURL: `${server.url}/v1`, model: 'gpt-4.1', maxRetries: 0 });
      const r = await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent });
      expect(r.ran).toBe(3); // $0.004, $0.008, $0.012 ≥ $0.01 → stop
      expect(r.stopped).toBe('cost budget reached ($0.01 ≥ $0.01)');
      expect(readManifest(out)!.episodes.filter((e) => e.status === 'skipped')).toHaveLength(r.total - 3);
      // A resume with a larger budget continues from the spent $0.012.
      const more = await runMatrix({ ...cfg, budget: { maxCostUsd: 0.02 } }, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent });
      expect(more).toMatchObject({ skippedDone: 3, ran: 2 });
    } finally {
      await server.close();
    }
  });
});
