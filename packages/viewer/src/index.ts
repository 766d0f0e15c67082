export { RunStore } from './run-store';
export type { AnnotatedEvent, EpisodeSummary, RunStoreOptions, StoreChange } from './run-store';
export { RecordTail } from './record-tail';
export type { TailChange } from './record-tail';
export type { RunProgress } from './run-progress';
export { watchRun } from './run-watcher';
export type { RunWatcher, WatchOptions } from './run-watcher';
export { startViewer } from './server';
export type { ViewerOptions, ViewerServer } from './server';
