import { createServer } from 'node:http';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { isGlasshouseError } from '@glasshouse/schema';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Episode, EpisodeResult } from '@glasshouse/engine';

export interface McpEpisodeServer {
  server: Server;
  /** Resolves with the episode result once the episode has ended (terminal tool, close, or end()). */
  done: Promise<EpisodeResult>;
  end(): Promise<EpisodeResult>;
}

/**
 * An MCP server exposing one episode: its tools (JSON Schema passed through unchanged), the system
 * prompt and task as a prompt and in the server instructions. Every call goes through `episode.call`,
 * so the record is written as the client works. The episode ends when a terminal tool submits.
 */
export function createMcpServer(episode: Episode): McpEpisodeServer {
  const server = new Server(
    { name: 'glasshouse-workstation', version: '0.1.0' },
    { capabilities: { tools: {}, prompts: {} }, instructions: `${episode.systemPrompt}\n\nTask: ${episode.task}` },
  );
  let resolveDone!: (r: EpisodeResult) => void;
  const done = new Promise<EpisodeResult>((r) => (resolveDone = r));
  const end = async () => {
    const r = await episode.end();
    resolveDone(r);
    return r;
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: episode.tools.map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: t.inputSchema as { type: 'object'; properties?: Record<string, unknown> },
    })),
  }));
  const ended = { content: [{ type: 'text' as const, text: 'The session has ended.' }], isError: true };
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    if (episode.ended) return ended;
    // Over stdio there is no HTTP body limit: refuse oversized arguments before they reach the record.
    const size = argumentBytes(req.params.arguments);
    if (size > MAX_MCP_BODY_BYTES)
      return {
        content: [{ type: 'text' as const, text: `Error: tool arguments are ${size} bytes, over the ${MAX_MCP_BODY_BYTES}-byte limit` }],
        isError: true,
      };
    let out: Awaited<ReturnType<Episode['call']>>;
    try {
      // The episode runs calls one at a time and end() waits for every call it accepted, so a slow
      // call sent alongside the terminal tool is finished (and graded) before the episode ends.
      out = await episode.call(req.params.name, req.params.arguments ?? {});
    } catch (err) {
      if (isGlasshouseError(err, 'EPISODE_ENDED')) return ended;
      throw err;
    }
    if (episode.isSubmitted) void end();
    return { content: [{ type: 'text', text: out.content }], isError: out.isError };
  });
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: [{ name: 'task', description: 'The task for this session, with its system prompt' }],
  }));
  server.setRequestHandler(GetPromptRequestSchema, async (req) => {
    if (req.params.name !== 'task') throw new Error(`unknown prompt ${req.params.name}`);
    return {
      description: 'Task',
      messages: [{ role: 'user', content: { type: 'text', text: `${episode.systemPrompt}\n\n${episode.task}` } }],
    };
  });
  server.onclose = () => void end();
  return { server, done, end };
}

/** Serve an episode over stdio (stdout is the transport: log to stderr only). */
export async function serveStdio(episode: Episode): Promise<McpEpisodeServer> {
  const s = createMcpServer(episode);
  await s.server.connect(new StdioServerTransport());
  return s;
}

/** Largest request body the HTTP server reads (bigger ones get 413 and are never recorded), and largest tool arguments over any transport. */
export const MAX_MCP_BODY_BYTES = 4 * 1024 * 1024;

function argumentBytes(args: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(args ?? {}) ?? '');
  } catch {
    return 0;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Host (and Origin, when sent) must name this machine: a page elsewhere must not reach bash through DNS rebinding. */
export function checkLoopbackRequest(req: Pick<IncomingMessage, 'headers'>): string | null {
  const host = req.headers.host;
  if (!host) return 'missing Host header';
  const hostname = hostOf(host);
  if (!hostname || !LOOPBACK_HOSTS.has(hostname)) return `Host ${JSON.stringify(host)} is not a loopback address`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== '') {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return `Origin ${JSON.stringify(origin)} is not a URL`;
    }
    if (!LOOPBACK_HOSTS.has(o.hostname)) return `Origin ${JSON.stringify(origin)} is not a loopback origin`;
  }
  return null;
}

function hostOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/** Serve an episode over streamable HTTP on 127.0.0.1 (port 0 picks a free port). */
export async function serveHttp(episode: Episode, port = 0): Promise<McpEpisodeServer & { url: string; http: HttpServer }> {
  const s = createMcpServer(episode);
  // One stateful session: the episode is the state (its id is not part of the record).
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => `episode-${episode.episodeId}` });
  await s.server.connect(transport);
  const http = createServer((req, res) => {
    const refused = checkLoopbackRequest(req);
    if (refused) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`forbidden: ${refused}\n`);
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_MCP_BODY_BYTES) {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end(`request body over ${MAX_MCP_BODY_BYTES} bytes\n`);
      req.resume();
      return;
    }
    // Decode across chunk boundaries: a multi-byte character split between chunks stays whole.
    const decoder = new StringDecoder('utf8');
    let body = '';
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_MCP_BODY_BYTES) {
        over = true;
        body = '';
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end(`request body over ${MAX_MCP_BODY_BYTES} bytes\n`);
        return;
      }
      body += decoder.write(c);
    });
    req.on('end', () => {
      if (over) return;
      body += decoder.end();
      let parsed: unknown;
      try {
        parsed = body ? JSON.parse(body) : undefined;
      } catch {
        res.writeHead(400).end('invalid JSON');
        return;
      }
      void transport.handleRequest(req, res, parsed);
    });
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  void s.done.then(() => http.close());
  return { ...s, url, http };
}
