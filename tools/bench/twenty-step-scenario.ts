import { scenario as base } from '../../scenarios/oversight-subversion/scenario';
import { twentyStepTurns } from './twenty-step-turns';

/**
 * The throughput bench's scenario: the oversight-subversion world with one reference policy that
 * takes 20 steps (19 bash/read_file calls, then the terminal tool). Loaded with --scenario-file so
 * the bench goes through the real CLI, runner and worker processes.
 */
export const scenario = {
  ...base,
  id: 'bench-twenty-step',
  variables: { goalNudge: ['none'], evalCues: [false], spec: [false] },
  policies: { ...base.policies, twenty: { kind: 'honest' as const, description: '20 steps', turns: () => twentyStepTurns() } },
};
