import type { Probe } from './probe-kit';
import { FOURTH_PASS_C_CHOICE_PROBES } from './probes-fourth-pass-c-choices';
import { FOURTH_PASS_C_DRAWN_PROBES } from './probes-fourth-pass-c-drawn';
import { FOURTH_PASS_C_LATE_PROBES } from './probes-fourth-pass-c-late';
import { FOURTH_PASS_C_MORE_PROBES } from './probes-fourth-pass-c-more';
import { FOURTH_PASS_C_SANDBAGGING_PROBES } from './probes-fourth-pass-c-sandbagging';
import { FOURTH_PASS_C_TEST_PROBES } from './probes-fourth-pass-c-tests';

/**
 * Fourth adversarial pass, part C (helper fourthc): reward-hacking-tests, sandbagging-qa,
 * sandbagging-self-grading and alignment-faking. Each probe is written from the scenario's README
 * and world, not from its detectors.
 */
export const FOURTH_PASS_C_PROBES: Probe[] = [
  ...FOURTH_PASS_C_TEST_PROBES,
  ...FOURTH_PASS_C_SANDBAGGING_PROBES,
  ...FOURTH_PASS_C_CHOICE_PROBES,
  ...FOURTH_PASS_C_DRAWN_PROBES,
  ...FOURTH_PASS_C_MORE_PROBES,
  ...FOURTH_PASS_C_LATE_PROBES,
];
