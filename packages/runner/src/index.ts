export { MatrixConfig } from './matrix-config';
export type { ResolvedMatrixConfig } from './matrix-config';
export { episodeSeed, planEpisodes } from './episode-plan';
export type { PlannedEpisode } from './episode-plan';
export { Manifest, MANIFEST_VERSION, ManifestEpisode, manifestPath, readManifest, writeManifest } from './manifest';
export { createProgress } from './progress';
export type { Progress, ProgressState } from './progress';
export { recordComplete, runMatrix } from './run-matrix';
export type { RunMatrixOptions, RunMatrixResult } from './run-matrix';
