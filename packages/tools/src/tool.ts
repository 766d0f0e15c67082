import { z } from 'zod';
import type { EpisodeRuntime, ToolSpec } from '@glasshouse/schema';
import type { World } from '@glasshouse/world';
import type { Shell } from '@glasshouse/shell';
import type { Sandbox } from '@glasshouse/sandbox';

/** What a tool handler may touch. Everything it changes is in the world and gets logged. */
export interface ToolContext {
  readonly world: World;
  readonly runtime: EpisodeRuntime;
  /** The episode's shell (created on first use). */
  shell(): Shell;
  /** The episode's isolate for agent code (created on first use). */
  sandbox(): Promise<Sandbox>;
  /** The isolate for scenario service logic: agent code never runs there (created on first use). */
  serviceSandbox(): Promise<Sandbox>;
  /** End the task phase with this submission. */
  submit(value: unknown): void;
  /** Record a scenario-service event (deploy, trade, query...). */
  emitService(event: { service: string; action: string; input: unknown; output: unknown }): void;
}

export interface ToolOutput {
  content: string;
  isError?: boolean;
  /** Stable code for errors the agent sees (e.g. TOOL_INPUT_INVALID). */
  errorCode?: string;
}

export interface ToolDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly input: S;
  /** Timeout for one call, in ms (default 15 s). */
  readonly timeoutMs?: number;
  handler(args: z.output<S>, ctx: ToolContext): Promise<ToolOutput | string> | ToolOutput | string;
}

/** A failure the agent should see as a tool result (not a harness fault). */
export class ToolError extends Error {
  readonly code: string;
  /** Set when the failure is also a harness fault the record must show (e.g. a sandbox process crash). */
  readonly fault: { code: string; message: string; details?: Record<string, unknown> } | undefined;
  constructor(message: string, code = 'TOOL_FAILED', fault?: { code: string; message: string; details?: Record<string, unknown> }) {
    super(message);
    this.name = 'ToolError';
    this.code = code;
    this.fault = fault;
  }
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function defineTool<S extends z.ZodType>(def: ToolDefinition<S>): ToolDefinition<S> {
  if (!TOOL_NAME.test(def.name)) throw new TypeError(`tool name '${def.name}' must match ${TOOL_NAME}`);
  if (!(def.input instanceof z.ZodObject)) throw new TypeError(`tool '${def.name}': input must be a z.object(...) schema`);
  return def;
}

const specCache = new WeakMap<ToolDefinition, ToolSpec>();

/** JSON Schema for function calling: an object schema at the root, no `$ref`/`$schema`. */
export function toolSpec(def: ToolDefinition): ToolSpec {
  const cached = specCache.get(def);
  if (cached) return cached;
  const schema = z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  delete schema.$schema;
  if (schema.type !== 'object' || '$ref' in schema) throw new TypeError(`tool '${def.name}': root schema must be an inline object`);
  const spec: ToolSpec = { name: def.name, description: def.description, inputSchema: schema };
  specCache.set(def, spec);
  return spec;
}

/** Render zod issues as one line per field for the agent to read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
