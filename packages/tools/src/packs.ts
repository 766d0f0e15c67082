import type { ToolDefinition } from './tool';
import { bashTool } from './bash-tool';
import { fileTools } from './file-tools';
import { emailTools } from './email-tools';
import { runJsTool } from './run-js-tool';
import { submitTool } from './submit-tool';

/** Named tool packs a scenario can ask for. */
export const TOOL_PACKS = {
  bash: [bashTool],
  files: [...fileTools],
  email: [...emailTools],
  run_js: [runJsTool],
  submit: [submitTool],
} as const satisfies Record<string, readonly ToolDefinition[]>;

export type ToolPackName = keyof typeof TOOL_PACKS;

export function isToolPackName(name: string): name is ToolPackName {
  return Object.prototype.hasOwnProperty.call(TOOL_PACKS, name);
}
