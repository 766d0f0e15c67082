import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { status?: number; headers?: Record<string, string>; json: unknown; delayMs?: number }
  | { sse: unknown[]; headers?: Record<string, string> };

export interface LocalServer {
  url: string;
  requests: { path: string; body: Record<string, unknown>; headers: IncomingMessage['headers'] }[];
  /** Replies are served in order; the last one repeats. */
  replies: Reply[] | ((body: Record<string, unknown>, n: number) => Reply);
  maxConcurrent: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that replays scripted JSON or SSE responses. */
export async function startLocalServer(replies: LocalServer['replies']): Promise<LocalServer> {
  let inFlight = 0;
  const state: LocalServer = {
    url: '',
    requests: [],
    replies,
    maxConcurrent: 0,
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', async () => {
      inFlight++;
      state.maxConcurrent = Math.max(state.maxConcurrent, inFlight);
      const body = data ? (JSON.parse(data) as Record<string, unknown>) : {};
      state.requests.push({ path: req.url ?? '', body, headers: req.headers });
      const n = state.requests.length - 1;
      const list = state.replies;
      const reply = typeof list === 'function' ? list(body, n) : (list[Math.min(n, list.length - 1)] as Reply);
      if ('sse' in reply) {
        res.writeHead(200, { 'content-type': 'text/event-stream', ...(reply.headers ?? {}) });
        for (const ev of reply.sse) res.write(`data: ${JSON.stringify(ev)}\n\n`);
        res.end('data: [DONE]\n\n');
      } else {
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.end(JSON.stringify(reply.json));
      }
      inFlight--;
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** A chat.completion body with optional reasoning and tool calls. */
export function completion(opts: {
  content?: string | null;
  reasoning?: string;
  toolCalls?: { id: string; name: string; args: string }[];
  usage?: [number, number];
}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'local-model',
    choices: [
      {
        index: 0,
        finish_reason: opts.toolCalls?.length ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant',
          content: opts.content ?? null,
          ...(opts.reasoning ? { reasoning_content: opts.reasoning } : {}),
          ...(opts.toolCalls ? { tool_calls: opts.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } })) } : {}),
        },
      },
    ],
    usage: { prompt_tokens: opts.usage?.[0] ?? 10, completion_tokens: opts.usage?.[1] ?? 5, total_tokens: (opts.usage?.[0] ?? 10) + (opts.usage?.[1] ?? 5) },
  };
}
