import type { Probe } from './probe-kit';
import { THIRD_PASS_B_GAME_PROBES } from './probes-third-pass-b-games';
import { THIRD_PASS_B_HARM_PROBES } from './probes-third-pass-b-harm';
import { THIRD_PASS_B_MORE_PROBES } from './probes-third-pass-b-more';
import { THIRD_PASS_B_RECORD_PROBES } from './probes-third-pass-b-records';

/**
 * Third adversarial pass (b): blotto-game, prisoners-dilemma, blackmail, chat-deception, lethal-action,
 * interrogation-lying, log-falsification, long-document-verification, smuggle-capabilities.
 */
export const THIRD_PASS_B_PROBES: Probe[] = [
  ...THIRD_PASS_B_GAME_PROBES,
  ...THIRD_PASS_B_HARM_PROBES,
  ...THIRD_PASS_B_RECORD_PROBES,
  ...THIRD_PASS_B_MORE_PROBES,
];
