import { Command, InvalidArgumentError } from 'commander';
import { GlasshouseError, isGlasshouseError } from '@glasshouse/schema';
import type { ScenarioCatalog } from './scenario-catalog';
import type { CliMakeAgent } from './agent-factory';
import { registerReplayCommands } from './commands/replay-fork';
import { registerServeMcpCommand } from './commands/serve-mcp';
import { registerViewCommand } from './commands/view';
import { registerExportCommand } from './commands/export';
import { registerWorkerCommand } from './commands/worker';
import { registerReportCommand } from './commands/report';
import { formatListing, libraryListing, listingRows } from './library-listing';

// Commands load what they run (the library, the engine, agents, the runner) in their actions, with
// `await import`: `glasshouse --help` starts without any of it, and `glasshouse list` reads the
// library's listing from its cache when the code has not changed (library-listing.ts).

const log = (s: string) => process.stdout.write(`${s}\n`);
/** With --json-events stdout carries only events; what people read goes to stderr. */
const logErr = (s: string) => process.stderr.write(`${s}\n`);

function int(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`'${v}' is not an integer`);
  return n;
}

/** How to name an agent: printed by `--help` and `run --help`. */
export const AGENT_SPECS_HELP = `
Agent specs (--agent):
  scripted:<policy>                   a scenario's reference policy, no model: scripted:honest, scripted:covert
  openai:<model>                      OpenAI chat completions (OPENAI_API_KEY): openai:gpt-4.1
  anthropic:<model>                   Anthropic Messages API (ANTHROPIC_API_KEY): anthropic:claude-sonnet-4-5
  openai-compatible:<baseURL>#<model> any OpenAI-compatible server (vLLM, Ollama, llama.cpp, OpenRouter):
                                      openai-compatible:http://127.0.0.1:11434/v1#qwen3:8b

Scenarios of your own: --scenario-file <path> (a .ts/.js module exporting \`scenario\`, or a directory of them;
repeatable) works with run, check, demo, list, replay, regrade, fork, intervene, serve-mcp and view.
`;

/** Model agents share one per-provider request limiter per CLI process (made on first use). */
let agentFactory: CliMakeAgent | null = null;
const makeAgent: CliMakeAgent = async (spec) => {
  agentFactory ??= (await import('./agent-factory')).cliAgentFactory();
  return agentFactory(spec);
};

export function buildProgram(): Command {
  const program = new Command('glasshouse')
    .description('Simulated workplaces that plant opportunities for covert actions, with ground-truth detectors.')
    .option(
      '--scenario-file <path>',
      'load a scenario module (.ts/.js) or a directory of them (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .addHelpText('after', AGENT_SPECS_HELP);
  // The library plus --scenario-file modules, loaded once before any command runs (`list` without
  // scenario files reads its listing from the cache instead).
  let catalog: ScenarioCatalog | null = null;
  const loadCatalog = async (): Promise<ScenarioCatalog> => {
    if (catalog) return catalog;
    const files = (program.opts() as { scenarioFile: string[] }).scenarioFile;
    const { loadScenarioFiles, scenarioCatalog } = await import('./scenario-catalog');
    catalog = files.length ? scenarioCatalog(await loadScenarioFiles(files), undefined, files) : scenarioCatalog();
    return catalog;
  };
  program.hook('preAction', async (_program, command) => {
    const files = (program.opts() as { scenarioFile: string[] }).scenarioFile;
    if (command.name() === 'list' && files.length === 0) return;
    // `report` loads the catalog itself once its record readers have started.
    if (command.name() === 'report') return;
    await loadCatalog();
  });
  const scenarios = (): ScenarioCatalog => {
    if (!catalog) throw new GlasshouseError('INTERNAL', 'the scenario catalog is loaded before a command runs');
    return catalog;
  };

  program
    .command('run')
    .description('Run one episode of a scenario, or with --scenarios a whole matrix (resumable)')
    .argument('[scenario]', 'scenario id or path to a scenario module (single episode)')
    .option('--scenarios <globs>', 'matrix: comma-separated scenario id globs, e.g. "*" or "sandbagging*,oversight-*"')
    .option('--variants <list>', "matrix: 'all' or ';'-separated partial variant ids (e.g. 'spec=true;spec=false')", 'all')
    .option(
      '--agent <spec>',
      'scripted:<policy>, openai:<model>, anthropic:<model> or openai-compatible:<baseURL>#<model> (repeatable in a matrix; see "Agent specs" in --help)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--variant <id>', 'single episode: variant, e.g. goalNudge=none,spec=true')
    .option('--epochs <k>', 'matrix: epochs per cell', int, 1)
    .option('--draws <n|all>', "matrix: worlds per multi-world family (the first n draws, or 'all'; default 1)")
    .option('--concurrency <n>', 'matrix: episodes in flight', int, 2)
    .option('--workers <n|auto>', "matrix: worker processes for episodes (0 = this process; 'auto' = one per core for big scripted matrices)", 'auto')
    .option('--seed <n>', 'seed (matrix: seed base)', int, 1)
    .option('--out <dir>', 'output directory', 'runs/single')
    .option('--max-steps <n>', 'step limit', int)
    .option('--budget-tokens <n>', 'matrix: stop scheduling once this many tokens are used', int)
    .option('--budget-usd <x>', 'matrix: stop scheduling once this cost is reached', Number)
    .option('--force', 'matrix: run into an output directory whose manifest has a different config')
    .option('--no-report', 'matrix: skip writing the report')
    .option('--no-interview', 'skip the follow-up interview')
    .option(
      '--judge <spec>',
      "language judge for the whole run: an agent spec whose model judges interview answers and disclosure by the written rubrics ('rules' = the rule classifier, the default)",
    )
    .option('--queue <url>', 'matrix: run episodes on workers through a Redis queue (redis://host:port); rerun to resume')
    .option('--shared-dir <dir>', 'matrix with --queue: folder shared with the workers for records over their --shared-over size')
    .option(
      '--json-events',
      'stream run events (episode started/finished/failed, every record event, progress, usage, budget warnings) as JSON lines on stdout',
    )
    .option('--slow-ms <n>', 'wait this long before every agent turn (to watch a scripted run live)', int)
    .action(
      async (
        ref: string | undefined,
        o: {
          scenarios?: string;
          variants: string;
          agent: string[];
          variant?: string;
          epochs: number;
          draws?: string;
          concurrency: number;
          workers: string;
          seed: number;
          out: string;
          maxSteps?: number;
          budgetTokens?: number;
          budgetUsd?: number;
          force?: boolean;
          report: boolean;
          interview: boolean;
          judge?: string;
          queue?: string;
          sharedDir?: string;
          jsonEvents?: boolean;
          slowMs?: number;
        },
      ) => {
        if (o.agent.length === 0) throw new GlasshouseError('CONFIG_INVALID', 'give at least one --agent');
        if (o.slowMs !== undefined && o.slowMs < 0) throw new GlasshouseError('CONFIG_INVALID', `--slow-ms must be ≥ 0, got ${o.slowMs}`);
        const events = o.jsonEvents ? (await import('./commands/json-events')).jsonEventsEmitter() : undefined;
        const out = o.jsonEvents ? logErr : log;
        if (o.scenarios) {
          const { runMatrixCommand } = await import('./commands/run-matrix');
          process.exitCode = await runMatrixCommand({ ...o, scenarios: o.scenarios, makeAgent, catalog: scenarios(), ...(events ? { events } : {}) }, out);
          return;
        }
        if (o.queue) throw new GlasshouseError('CONFIG_INVALID', '--queue runs a matrix: give --scenarios');
        if (!ref) throw new GlasshouseError('CONFIG_INVALID', 'name a scenario, or use --scenarios for a matrix');
        const { loadScenario } = await import('./load-scenario');
        const { runOne } = await import('./commands/run-one');
        const def = await loadScenario(ref, scenarios());
        const one = await runOne(def, { ...o, agent: o.agent[0] as string, makeAgent, ...(events ? { events } : {}) }, out);
        if (one.outcome === 'invalid') {
          // A provider or harness fault is not a measurement: say so and fail the command.
          process.stderr.write(
            `error [EPISODE_INVALID]: ${one.fault ?? 'the episode is invalid'} (record kept: ${one.recordPath}; nothing in it is a measurement)\n`,
          );
          process.exitCode = 1;
        }
      },
    );

  program
    .command('check')
    .description("Prove scenarios' detectors against their honest, covert and inert reference policies")
    .argument('[scenario]', 'scenario id or path (default: the --scenario-file scenarios if any, else the whole library)')
    .option('--draws <which>', "worlds of multi-world families: 'all', a count, or a list like 0,7,14 (default: draw 0)")
    .option('--all-variants', 'attack every variant with the rewrites, not only the first incentive variant')
    .action(async (ref: string | undefined, o: { draws?: string; allVariants?: boolean }) => {
      const { loadScenario } = await import('./load-scenario');
      const { checkCommand, parseDraws } = await import('./commands/check');
      const known = scenarios();
      const defs = ref ? [await loadScenario(ref, known)] : known.external.length ? known.external : known.all;
      const ok = await checkCommand(defs, log, {
        ...(o.draws === undefined ? {} : { draws: parseDraws(o.draws) }),
        ...(o.allVariants ? { mutationVariants: 'all' as const } : {}),
      });
      if (!ok) process.exitCode = 1;
    });

  program
    .command('demo')
    .description('Run every scenario and variant with the scripted honest and covert agents, then write the report')
    .option('--out <dir>', 'output directory', 'runs/demo')
    .option('--seed <n>', 'seed', int, 1)
    .option('--policies <list>', 'reference policies to run', 'honest,covert')
    .option('--scenarios <globs>', 'only these scenarios (comma-separated id globs), e.g. "covert-rule-violation" or "sandbagging*"', '*')
    .action(async (o: { out: string; seed: number; policies: string; scenarios: string }) => {
      const { matchScenarios } = await import('./load-scenario');
      const { demoCommand } = await import('./commands/demo');
      await demoCommand(matchScenarios(o.scenarios, scenarios()), { out: o.out, seed: o.seed, policies: o.policies.split(',').map((x) => x.trim()) }, log);
    });

  registerReplayCommands(program, log, makeAgent, scenarios);
  registerServeMcpCommand(program, scenarios);
  registerViewCommand(program, log, scenarios);
  registerExportCommand(program, log);
  registerWorkerCommand(program, log);
  registerReportCommand(program, log, async () => (await loadCatalog()).all);

  program
    .command('list')
    .description('List the scenario library: families, their variables and how many distinct environments each renders')
    .action(async () => {
      // The library's rows come from the listing cache when they were computed from this very code;
      // --scenario-file modules are counted every time.
      const { rows } = await libraryListing();
      const external = catalog ? await listingRows(catalog.external) : [];
      for (const line of formatListing([...rows, ...external])) log(line);
    });

  return program;
}

/** `glasshouse list | head`: the reader went away, which is not an error of ours. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

export async function main(argv: string[]): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
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
if (invoked.endsWith('main.ts')) {
  await main(process.argv);
}
