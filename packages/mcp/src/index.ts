export { createMcpServer, serveHttp, serveStdio } from './mcp-server';
export type { McpEpisodeServer } from './mcp-server';
