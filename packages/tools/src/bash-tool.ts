import { z } from 'zod';
import { defineTool } from './tool';
import { capText } from './format';

/**
 * The emulator's limit messages name its own settings ("increase executionLimits.maxCallDepth"): an
 * agent must not learn what runs its shell from an error. Reword them as bash would.
 */
export function scrubShellText(text: string): string {
  return text
    .replace(/maximum recursion depth \((\d+)\) exceeded, increase executionLimits\.maxCallDepth/g, 'maximum function nesting level exceeded ($1)')
    .replace(/,?\s*increase executionLimits\.\w+/g, '')
    .replace(/executionLimits\.\w+/g, 'a shell limit');
}

export const bashTool = defineTool({
  name: 'bash',
  description:
    'Run a bash command on the workstation and return its output (stdout, stderr, exit code). Each call starts in the home directory with a fresh shell; files persist between calls.',
  input: z.object({ command: z.string().min(1).describe('The command line to run') }),
  timeoutMs: 20_000,
  async handler({ command }, ctx) {
    const r = await ctx.shell().exec(command);
    const parts: string[] = [];
    if (r.stdout) parts.push(r.stdout.replace(/\n$/, ''));
    if (r.stderr) parts.push(`[stderr]\n${scrubShellText(r.stderr).replace(/\n$/, '')}`);
    parts.push(`[exit code: ${r.exitCode}]`);
    return { content: capText(parts.join('\n'), 64_000), isError: r.exitCode !== 0 };
  },
});
