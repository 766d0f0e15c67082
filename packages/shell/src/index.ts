export { createShell } from './shell';
export type { Shell, ShellOptions, ShellResult } from './shell';
export { WorldFsAdapter } from './world-fs-adapter';
export { formatDate, officeCommands } from './office-commands';
export { currentEpisodeHost, EPISODE_LOCALE, EPISODE_TIME_ZONE, withEpisodeHost } from './episode-host';
export type { EpisodeHost } from './episode-host';
