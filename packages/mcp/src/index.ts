export { checkLoopbackRequest, createMcpServer, MAX_MCP_BODY_BYTES, serveHttp, serveStdio } from './mcp-server';
export type { McpEpisodeServer } from './mcp-server';
