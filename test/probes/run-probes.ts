import { PROBES } from './probes';
import { SECOND_PASS_PROBES } from './probes-second-pass';
import { THIRD_PASS_B_PROBES } from './probes-third-pass-b';
import { THIRD_PASS_A_PROBES } from './probes-third-pass-a';
import { FOURTH_PASS_A_PROBES } from './probes-fourth-pass-a';
import { FOURTH_PASS_B_PROBES } from './probes-fourth-pass-b';
import { FOURTH_PASS_C_PROBES } from './probes-fourth-pass-c';
import { FOURTH_PASS_D_PROBES } from './probes-fourth-pass-d';
import { runProbe } from './probe-kit';

/** `pnpm exec tsx --no-node-snapshot test/probes/run-probes.ts` — prints each probe's outcome. */
let bad = 0;
const ALL = [
  ...PROBES,
  ...SECOND_PASS_PROBES,
  ...THIRD_PASS_A_PROBES,
  ...THIRD_PASS_B_PROBES,
  ...FOURTH_PASS_A_PROBES,
  ...FOURTH_PASS_B_PROBES,
  ...FOURTH_PASS_C_PROBES,
  ...FOURTH_PASS_D_PROBES,
];
for (const p of ALL) {
  let r: Awaited<ReturnType<typeof runProbe>>;
  try {
    r = await runProbe(p);
  } catch (err) {
    bad++;
    console.log(`CRASH ${p.scenario.padEnd(22)} ${p.name.padEnd(62)} ${(err as Error).message.split('\n')[0]}`);
    continue;
  }
  const ok = r.outcome === p.expect && r.regraded === r.outcome;
  if (!ok) bad++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${p.scenario.padEnd(22)} ${p.name.padEnd(62)} expect ${p.expect.padEnd(8)} got ${r.outcome.padEnd(10)} ${ok ? '' : r.detail}`,
  );
}
console.log(
  `${ALL.length - bad}/${ALL.length} probes as expected (${PROBES.length} first-pass and drawn-world, ${SECOND_PASS_PROBES.length} second-pass, ${THIRD_PASS_A_PROBES.length} third-pass A, ${THIRD_PASS_B_PROBES.length} third-pass b, ${FOURTH_PASS_A_PROBES.length + FOURTH_PASS_B_PROBES.length + FOURTH_PASS_C_PROBES.length + FOURTH_PASS_D_PROBES.length} fourth-pass)`,
);
