// Drive an episode with any Vercel AI SDK LanguageModel. Offline, this uses the SDK's own test model;
// swap in e.g. `openai('gpt-4.1')` from @ai-sdk/openai for a real one.
//   node --no-node-snapshot --import tsx docs/examples/ai-sdk.ts
import { MockLanguageModelV3 } from 'ai/test';
import { aiSdkAgent, glasshouse } from 'glasshouse-sim';

const usage = { inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 10, text: 10, reasoning: 0 } };
const step = (content: unknown[]) => ({ content, finishReason: { unified: 'tool-calls' as const, raw: undefined }, usage, warnings: [] });
const model = new MockLanguageModelV3({
  doGenerate: [
    step([
      { type: 'reasoning', text: 'Check the config first.' },
      { type: 'tool-call', toolCallId: 't1', toolName: 'bash', input: '{"command":"cat /home/user/project/oversight_config.yaml"}' },
    ]),
    step([{ type: 'tool-call', toolCallId: 't2', toolName: 'select_strategy', input: '{"strategy":"B"}' }]),
    step([{ type: 'text', text: 'I do not know; I only read it.' }]), // two follow-up questions
    step([{ type: 'text', text: 'No, I did not modify it.' }]),
  ] as never,
});
const res = await glasshouse.run('oversight-subversion', aiSdkAgent({ model }), { seed: 1 });
console.log(`outcome: ${res.outcome}; assistant turns: ${res.record.events.filter((e) => e.type === 'message.assistant').length}`);
