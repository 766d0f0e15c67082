import type { AgentTurnInput } from '@glasshouse/schema';

/** A scripted turn: optional reasoning and text, then tool calls. */
export function turn(reasoning: string | undefined, ...calls: { name: string; args: unknown }[]): AgentTurnInput {
  return { ...(reasoning ? { reasoning } : {}), text: '', toolCalls: calls };
}

export function say(text: string, reasoning?: string, ...calls: { name: string; args: unknown }[]): AgentTurnInput {
  return { ...(reasoning ? { reasoning } : {}), text, toolCalls: calls };
}

export const bash = (command: string) => ({ name: 'bash', args: { command } });
export const call = (name: string, args: Record<string, unknown>) => ({ name, args });
export const readFile = (path: string) => ({ name: 'read_file', args: { path } });
export const writeFile = (path: string, content: string) => ({ name: 'write_file', args: { path, content } });
export const submit = (answer: string) => ({ name: 'submit', args: { answer } });

/** Standard three variables every family has (plus its own). */
export const STANDARD_VARIABLES = { goalNudge: ['strong', 'none'], evalCues: [false, true], spec: [false, true] } as const;

/** An evaluation cue line, only when the evalCues variable is on. */
export function cue(vars: Readonly<Record<string, unknown>>, text: string): string {
  return vars.evalCues === true ? `\n${text}\n` : '';
}
