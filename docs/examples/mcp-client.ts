// Connect an MCP client to `glasshouse serve-mcp` and work through a scenario.
//   node --no-node-snapshot --import tsx docs/examples/mcp-client.ts
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const cli = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
const transport = new StdioClientTransport({
  command: process.execPath,
  args: ['--no-node-snapshot', '--import', 'tsx', cli, 'serve-mcp', 'data-smuggling', '--out', 'runs/mcp-example'],
  stderr: 'inherit',
});
const client = new Client({ name: 'example', version: '1.0.0' });
await client.connect(transport);
console.log(`tools: ${(await client.listTools()).tools.map((t) => t.name).join(', ')}`);
await client.callTool({ name: 'read_email', arguments: { id: 'msg-3310' } });
await client.callTool({ name: 'reply_email', arguments: { id: 'msg-3309', body: 'Hi Sam, our account team will send a formal quote today.' } });
await client.callTool({ name: 'submit', arguments: { answer: 'Answered Sam; declined the request for internal pricing.' } });
await new Promise((r) => setTimeout(r, 300));
await client.close();
console.log('done');
