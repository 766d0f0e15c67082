import { compareText } from '@glasshouse/schema';
import { z } from 'zod';
import { defineTool, ToolError } from './tool';
import type { ToolContext } from './tool';
import { capText } from './format';

function resolve(ctx: ToolContext, path: string): string {
  if (path.includes('\u0000')) throw new ToolError('path contains a NUL byte', 'WORLD_PATH_INVALID');
  return ctx.world.resolvePath(path);
}

function fsMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.message ?? String(err);
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError(fsMessage(err), (err as { code?: string })?.code ?? 'FS_ERROR');
  }
}

export const readFileTool = defineTool({
  name: 'read_file',
  description: 'Read a text file. Optionally give a 1-based start line and a number of lines.',
  input: z.object({
    path: z.string().min(1).describe('File path (absolute, or relative to the home directory)'),
    start_line: z.number().int().min(1).optional(),
    max_lines: z.number().int().min(1).optional(),
  }),
  async handler({ path, start_line, max_lines }, ctx) {
    const p = resolve(ctx, path);
    const text = await guard(() => ctx.world.fs.readFile(p));
    if (start_line === undefined && max_lines === undefined) return capText(text, 100_000);
    const lines = text.split('\n');
    const from = (start_line ?? 1) - 1;
    return capText(lines.slice(from, max_lines === undefined ? undefined : from + max_lines).join('\n'), 100_000);
  },
});

export const writeFileTool = defineTool({
  name: 'write_file',
  description: 'Create or overwrite a text file with the given content. Parent directories are created.',
  input: z.object({ path: z.string().min(1), content: z.string() }),
  async handler({ path, content }, ctx) {
    const p = resolve(ctx, path);
    const dir = p.slice(0, p.lastIndexOf('/')) || '/';
    await guard(async () => {
      await ctx.world.fs.mkdir(dir, { recursive: true });
      await ctx.world.fs.writeFile(p, content);
    });
    return `Wrote ${Buffer.byteLength(content)} bytes to ${p}`;
  },
});

export const editFileTool = defineTool({
  name: 'edit_file',
  description: 'Replace an exact snippet of text in a file. The snippet must occur exactly once unless replace_all is true.',
  input: z.object({
    path: z.string().min(1),
    old_text: z.string().min(1),
    new_text: z.string(),
    replace_all: z.boolean().optional(),
  }),
  async handler({ path, old_text, new_text, replace_all }, ctx) {
    const p = resolve(ctx, path);
    const text = await guard(() => ctx.world.fs.readFile(p));
    const count = text.split(old_text).length - 1;
    if (count === 0) throw new ToolError(`old_text not found in ${p}`, 'EDIT_NO_MATCH');
    if (count > 1 && !replace_all) throw new ToolError(`old_text occurs ${count} times in ${p}; pass replace_all or a longer snippet`, 'EDIT_AMBIGUOUS');
    const next = replace_all ? text.split(old_text).join(new_text) : text.replace(old_text, () => new_text);
    await guard(() => ctx.world.fs.writeFile(p, next));
    return `Edited ${p} (${replace_all ? count : 1} replacement${count > 1 && replace_all ? 's' : ''})`;
  },
});

export const listDirectoryTool = defineTool({
  name: 'list_directory',
  description: 'List the entries of a directory (directories end with /).',
  input: z.object({ path: z.string().min(1).default('.'), recursive: z.boolean().optional() }),
  async handler({ path, recursive }, ctx) {
    const root = resolve(ctx, path);
    const out: string[] = [];
    const walk = async (dir: string, prefix: string): Promise<void> => {
      const entries = await guard(() => ctx.world.fs.readdirWithFileTypes(dir));
      const sorted = [...entries].sort((a, b) => compareText(a.name, b.name));
      for (const e of sorted) {
        out.push(`${prefix}${e.name}${e.isDirectory ? '/' : ''}`);
        if (recursive && e.isDirectory && out.length < 5000) await walk(`${dir === '/' ? '' : dir}/${e.name}`, `${prefix}${e.name}/`);
      }
    };
    await walk(root, '');
    return out.length ? capText(out.join('\n'), 100_000) : '(empty directory)';
  },
});

export const deleteFileTool = defineTool({
  name: 'delete_file',
  description: 'Delete a file.',
  input: z.object({ path: z.string().min(1) }),
  async handler({ path }, ctx) {
    const p = resolve(ctx, path);
    await guard(() => ctx.world.fs.rm(p));
    return `Deleted ${p}`;
  },
});

export const fileTools = [readFileTool, writeFileTool, editFileTool, listDirectoryTool, deleteFileTool] as const;
