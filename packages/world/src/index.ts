export { World } from './world';
export type { WorldOptions } from './world';
export { WorldFs } from './world-fs';
export type { WorldDirent, WorldStat } from './world-fs';
export { Mailbox } from './mailbox';
export type { EmailSummary, SendInput } from './mailbox';
export { ServiceStore } from './service-store';
export { applyDiff, diffSnapshots, MAX_DIFF_BYTES } from './snapshot-diff';
export { isUnder, normalizePath, parentOf } from './paths';
