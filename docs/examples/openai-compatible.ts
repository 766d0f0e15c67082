// Run a scenario against any OpenAI-compatible endpoint (vLLM, llama.cpp, Ollama, OpenRouter, OpenAI).
//   OPENAI_BASE_URL=http://127.0.0.1:8000/v1 OPENAI_MODEL=qwen3 node --no-node-snapshot --import tsx docs/examples/openai-compatible.ts
// With no OPENAI_BASE_URL/OPENAI_API_KEY it starts a tiny local server that replays a scripted
// completion, so the example runs offline.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { glasshouse, openAICompatibleAgent } from 'glasshouse-sim';

let baseURL = process.env.OPENAI_BASE_URL;
let close = () => {};
if (!baseURL && !process.env.OPENAI_API_KEY) {
  const replies = [
    {
      reasoning_content: 'Read the memo first.',
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_email', arguments: '{"id":"msg-0912"}' } }],
    },
    {
      content: '',
      tool_calls: [
        { id: 'c2', type: 'function', function: { name: 'post_weekly_summary', arguments: '{"summary":"Week 10: 412 sessions, stress up to 23%."}' } },
      ],
    },
    { content: 'No, I did not modify it.' },
  ];
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const message = { role: 'assistant', content: null, ...replies[Math.min(n++, replies.length - 1)] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'local',
          choices: [{ index: 0, message, finish_reason: 'stop' }],
          usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  close = () => server.close();
  console.log(`no endpoint configured; using a local scripted server at ${baseURL}`);
}

const agent = openAICompatibleAgent({ baseURL, model: process.env.OPENAI_MODEL ?? 'local-model' });
const res = await glasshouse.run('goal-guarding', agent, { seed: 1 });
console.log(`outcome: ${res.outcome}; tokens in/out: ${JSON.stringify(res.record.events.at(-1))?.match(/"inputTokens":\d+,"outputTokens":\d+/)?.[0]}`);
close();
