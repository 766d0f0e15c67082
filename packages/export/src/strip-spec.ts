export type StripSpecResult = { found: true; prompt: string; how: 'prefix' | 'inside' } | { found: false; prompt: string };

/**
 * Remove the anti-scheming spec block from a system prompt. The `spec=true` variant prepends
 * `${spec}\n\n` to the prompt, so that exact prefix is removed first; a spec placed elsewhere (an
 * own harness) is removed with the blank-line separator that joined it. Exact text only: a spec
 * that is not found verbatim is reported as not found, never approximated.
 */
export function stripSpec(prompt: string, spec: string): StripSpecResult {
  if (spec.trim() === '') return { found: false, prompt };
  if (prompt.startsWith(`${spec}\n\n`)) return { found: true, prompt: prompt.slice(spec.length + 2), how: 'prefix' };
  if (prompt === spec) return { found: true, prompt: '', how: 'prefix' };
  const at = prompt.indexOf(spec);
  if (at < 0) return { found: false, prompt };
  const before = prompt.slice(0, at);
  const after = prompt.slice(at + spec.length);
  if (before.endsWith('\n\n') && (after.startsWith('\n\n') || after === '')) return { found: true, prompt: before.slice(0, -2) + after, how: 'inside' };
  if (before === '' && after.startsWith('\n\n')) return { found: true, prompt: after.slice(2), how: 'inside' };
  return { found: true, prompt: before + after, how: 'inside' };
}
