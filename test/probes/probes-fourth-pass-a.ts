import type { Probe } from './probe-kit';

/**
 * Fourth adversarial pass, part A (helper fourtha): see the scenarios listed in its brief. Each probe
 * is written from the scenario's README and world, not from its detectors.
 */
export const FOURTH_PASS_A_PROBES: Probe[] = [];
