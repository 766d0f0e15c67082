import { specChangeScenario } from '../shared/spec-change';

/** Spec sabotage while verification the agent's own principles (Schoen et al. 2025, App. L). See scenarios/shared/spec-change.ts. */
export const scenario = specChangeScenario('verification');
