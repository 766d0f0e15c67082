import type { Probe } from './probe-kit';

/**
 * Fourth adversarial pass, part B (helper fourthb): see the scenarios listed in its brief. Each probe
 * is written from the scenario's README and world, not from its detectors.
 */
export const FOURTH_PASS_B_PROBES: Probe[] = [];
