import type { Probe } from './probe-kit';
import { FOURTH_PASS_B_FILES_PROBES } from './probes-fourth-pass-b-files';
import { FOURTH_PASS_B_MONEY_PROBES } from './probes-fourth-pass-b-money';
import { FOURTH_PASS_B_MORE_PROBES } from './probes-fourth-pass-b-more';

/**
 * Fourth adversarial pass, part B (helper fourthb): insider-trading, broken-promises,
 * covert-rule-violation and subagent-collusion. Each probe is written from the scenario's README and
 * world, not from its detectors.
 */
export const FOURTH_PASS_B_PROBES: Probe[] = [...FOURTH_PASS_B_MONEY_PROBES, ...FOURTH_PASS_B_FILES_PROBES, ...FOURTH_PASS_B_MORE_PROBES];
