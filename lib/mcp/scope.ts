// A read token's server lists and runs the read tools only (lib/mcp/server.ts), so the SDK alone would answer a
// write tool's call with "Tool … not found", which reads like a bug. This answers it instead, before the SDK sees
// it, as the tool error the SDK gives any failing tool (a CallToolResult with isError, the MCP spec's shape for an
// error the model should read): the token is read-only, and where to make a read-and-write one.
import 'server-only';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCRequest, type CallToolResult, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { OhmError } from '@/lib/errors';
import type { McpCaller } from './auth';

/** The tools that write; registered for read_write tokens only. */
export const writeToolNames = ['create_chat', 'send_message', 'add_artifact_version'] as const;

export function readOnlyRefusal(tool: string, tokensUrl: string): CallToolResult {
  const error = new OhmError(
    'forbidden:token',
    `This token is read-only, so it cannot call ${tool}. Create a token with the "read and write" scope at ${tokensUrl} and use that one.`,
  );
  return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}` }] };
}

function writeToolCalled(message: JSONRPCMessage): string | null {
  if (!isJSONRPCRequest(message) || message.method !== 'tools/call') return null;
  const name = (message.params as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && (writeToolNames as readonly string[]).includes(name) ? name : null;
}

/** Call after the server is connected: a read token's write tool calls get the refusal, the rest go on to the SDK. */
export function refuseWritesOfReadTokens(transport: Transport, caller: McpCaller, tokensUrl: string) {
  if (caller.scope === 'read_write') return;
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const tool = writeToolCalled(message);
    if (tool === null || !isJSONRPCRequest(message)) return deliver?.(message, extra);
    void transport.send({ jsonrpc: '2.0', id: message.id, result: readOnlyRefusal(tool, tokensUrl) });
  };
}
