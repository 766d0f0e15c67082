export { RunStore } from './run-store';
export type { AnnotatedEvent, EpisodeSummary, RunStoreOptions } from './run-store';
export { startViewer } from './server';
export type { ViewerServer } from './server';
