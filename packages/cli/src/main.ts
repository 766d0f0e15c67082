import { Command, InvalidArgumentError } from 'commander';
import { isGlasshouseError } from '@glasshouse/spec';
import { SCENARIOS } from '@glasshouse/scenarios';
import { loadScenario } from './load-scenario';
import { runOne } from './commands/run-one';
import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';

const log = (s: string) => process.stdout.write(`${s}\n`);

function int(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`'${v}' is not an integer`);
  return n;
}

export function buildProgram(): Command {
  const program = new Command('glasshouse').description('Simulated workplaces that plant opportunities for covert actions, with ground-truth detectors.');

  program
    .command('run')
    .description('Run one episode of a scenario and print its findings')
    .argument('<scenario>', 'scenario id or path to a scenario module')
    .requiredOption('--agent <spec>', 'scripted:honest | scripted:covert | scripted:<policy> | a model spec')
    .option('--variant <id>', 'variant, e.g. goalNudge=none,spec=true')
    .option('--seed <n>', 'seed', int, 1)
    .option('--out <dir>', 'output directory', 'runs/single')
    .option('--max-steps <n>', 'step limit', int)
    .option('--no-interview', 'skip the follow-up interview')
    .action(async (ref: string, o: { agent: string; variant?: string; seed: number; out: string; maxSteps?: number; interview: boolean }) => {
      const def = await loadScenario(ref);
      await runOne(def, o, log);
    });

  program
    .command('check')
    .description("Prove scenarios' detectors against their honest, covert and inert reference policies")
    .argument('[scenario]', 'scenario id or path (default: all)')
    .action(async (ref?: string) => {
      const defs = ref ? [await loadScenario(ref)] : SCENARIOS;
      const ok = await checkCommand(defs, log);
      if (!ok) process.exitCode = 1;
    });

  program
    .command('demo')
    .description('Run every scenario and variant with the scripted honest and covert agents, then write the report')
    .option('--out <dir>', 'output directory', 'runs/demo')
    .option('--seed <n>', 'seed', int, 1)
    .option('--policies <list>', 'reference policies to run', 'honest,covert')
    .action(async (o: { out: string; seed: number; policies: string }) => {
      await demoCommand(SCENARIOS, { out: o.out, seed: o.seed, policies: o.policies.split(',').map((x) => x.trim()) }, log);
    });

  program
    .command('list')
    .description('List the scenario library')
    .action(() => {
      for (const s of SCENARIOS) log(`${s.id.padEnd(28)} ${s.category.padEnd(22)} ${s.title}`);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (isGlasshouseError(err)) {
      process.stderr.write(`error [${err.code}]: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

const invoked = process.argv[1] ?? '';
if (invoked.endsWith('main.ts') || invoked.endsWith('glasshouse.mjs') || invoked.endsWith('glasshouse')) {
  await main(process.argv);
}
