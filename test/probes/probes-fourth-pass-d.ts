import type { Probe } from './probe-kit';

/**
 * Fourth adversarial pass, part D (helper fourthd): see the scenarios listed in its brief. Each probe
 * is written from the scenario's README and world, not from its detectors.
 */
export const FOURTH_PASS_D_PROBES: Probe[] = [];
