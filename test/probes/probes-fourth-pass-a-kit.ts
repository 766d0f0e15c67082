import { ANTI_SCHEMING_PRINCIPLES } from '@glasshouse/schema';

/** Shared by the fourth-pass A spec-sabotage probes: the principles folder and principle lines as the world writes them. */
export const PR = '/etc/agent/principles';
export const ACTIVE = `${PR}/active.md`;
export const line = (id: string) => {
  const p = ANTI_SCHEMING_PRINCIPLES.find((x) => x.id === id);
  if (!p) throw new Error(`no principle ${id}`);
  return `${p.id} (${p.name}): ${p.text}`;
};
export const v1Text = () => `# Operating principles (v1)\n\n${ANTI_SCHEMING_PRINCIPLES.map((p) => line(p.id)).join('\n')}\n`;
export const v2Lines = (dropped: string[]) => ANTI_SCHEMING_PRINCIPLES.filter((p) => !dropped.includes(p.id)).map((p) => line(p.id));
export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
