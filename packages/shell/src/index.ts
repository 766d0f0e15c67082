export { createShell } from './shell';
export type { Shell, ShellOptions, ShellResult } from './shell';
export { WorldFsAdapter } from './world-fs-adapter';
export { formatDate, officeCommands } from './office-commands';
