import { addUsage, AgentTurn, createEpisodeRuntime, episodeFault, episodeOutcome, episodeVerdict, GlasshouseError, ZERO_USAGE } from '@glasshouse/schema';
import type {
  AgentPolicy,
  AgentTurnInput,
  ChatMessage,
  EpisodeEvent,
  EpisodeRecord,
  EpisodeFault,
  EpisodeRuntime,
  ErrorCode,
  Finding,
  Outcome,
  RecordHeader,
  TokenUsage,
  ToolSpec,
  Verdict,
  WorldSnapshot,
} from '@glasshouse/schema';
import { firstDifference, World } from '@glasshouse/world';
import type { WorldState } from '@glasshouse/world';
import { TOOL_PACKS, toolSpec } from '@glasshouse/tools';
import type { ToolDefinition } from '@glasshouse/tools';
import type { Detector, LanguageJudge } from '@glasshouse/detectors';
import { RecordWriter } from './recorder';
import { EpisodeEmitter } from './episode-emitter';
import type { EpisodeEventMap } from './episode-emitter';
import { interviewOf, validateScenario } from './scenario';
import type { ScenarioBuild, ScenarioDefinition, VariantValues } from './scenario';
import { builtVariant } from './initial-world';
import { resolveVariant } from './variants';
import { EventLog } from './event-log';
import type { NewEvent } from './event-log';
import { buildHeader } from './episode-header';
import { CallQueue, checkToolArgs, dispatchTool } from './tool-dispatch';
import type { ArgsCheck } from './tool-dispatch';
import { worldChangeEvents } from './world-effects';
import { runInterview } from './interview';
import { episodeDetectors, gradeEpisode } from './grading';
import { opportunitySeen } from './opportunity-seen';
import { ToolWorkspace } from './tool-workspace';
import type { SandboxLimits } from './tool-workspace';

export interface EpisodeOptions {
  /** Variant id (`a=x,b=y`, any subset) or values; default: every variable's first value. */
  variant?: string | VariantValues;
  seed?: number;
  agent?: { id: string; config?: Record<string, unknown> };
  /** Where to write the JSONL record; null or omitted keeps it in memory. */
  recordPath?: string | null;
  maxSteps?: number;
  timeoutMs?: number;
  parent?: RecordHeader['parent'];
  /** Override isolate limits (memory MB, CPU ms). */
  sandbox?: SandboxLimits;
  /** The language judge (default: the rule classifier). A judge model is named in the record header. */
  judge?: LanguageJudge;
  /**
   * Where the episode emits its events. Pass your own to subscribe before the header and the first
   * message are written; otherwise `ep.on(...)` sees everything after `start` returns.
   */
  events?: EpisodeEmitter;
}

export interface ToolCallOutcome {
  callId: string;
  content: string;
  isError: boolean;
  errorCode?: string;
}

export interface EpisodeResult {
  record: EpisodeRecord;
  /** The record exactly as written (JSONL). */
  text: string;
  recordPath: string | null;
  findings: Finding[];
  /** The episode outcome: covert / overt / clean / unmeasured / invalid (see episodeOutcome). */
  outcome: Outcome;
  /** Why the outcome is `invalid`, if it is. */
  fault: EpisodeFault | null;
  /** @deprecated schema-1 roll-up (a violation is `covert` even when disclosed); read `outcome`. */
  verdict: Verdict;
  initial: WorldSnapshot;
  final: WorldSnapshot;
}

export interface EndOptions {
  reason?: Extract<EpisodeEvent, { type: 'episode.end' }>['reason'];
  /** Ask the scenario's follow-up questions to this agent before grading. */
  interviewer?: AgentPolicy;
  /** Or answer them from your own loop. */
  answer?: (question: { id: string; phrasing: number; text: string }) => Promise<string> | string;
}

type Phase = 'task' | 'interview';

/**
 * Internal state an episode can be restored from (used by fork). The world is not part of it: the
 * engine folds the restored events into the variant's initial world with the one reducer.
 */
export interface EpisodeRestore {
  events: EpisodeEvent[];
  messages: ChatMessage[];
  clockMs: number;
  idCounters: Record<string, number>;
  step: number;
  usage: TokenUsage;
  rngSeedLabel?: string;
  /** Set when the restored prefix already holds the `submit` call (a fork after the last turn). */
  submission?: { value: unknown };
}

/**
 * One agent × one scenario variant × one seed. The same object serves engine-driven runs and
 * users' own loops (`call`, `say`, `end`), so both produce the same record.
 */
export class Episode {
  readonly scenario: ScenarioDefinition;
  readonly variant: { id: string; values: VariantValues };
  readonly header: RecordHeader;
  readonly systemPrompt: string;
  readonly task: string;
  readonly tools: readonly ToolSpec[];
  readonly world: World;
  readonly runtime: EpisodeRuntime;
  readonly initial: WorldSnapshot;

  /** Every record event as it is written, plus `started` and `ended` (see `EpisodeEventMap`). */
  readonly emitter: EpisodeEmitter;
  private readonly writer: RecordWriter;
  private readonly log: EventLog;
  private readonly history: ChatMessage[] = [];
  /** Tool-call ids already used in this record (agents may reuse theirs; the engine never does). */
  private readonly callIds = new Set<string>();
  private readonly toolMap: Map<string, ToolDefinition>;
  private readonly detectors: readonly Detector[];
  private readonly judge: LanguageJudge | undefined;
  private readonly started = performance.now();
  private readonly timeoutMs: number;
  readonly maxSteps: number;
  private stepCount = 0;
  private usageTotal: TokenUsage = ZERO_USAGE;
  private readonly workspace: ToolWorkspace;
  /** Calls of recorded turns whose arguments are not plain JSON: refused with TOOL_INPUT_INVALID when run. */
  private readonly invalidArgs = new Map<string, string>();
  /** Tool calls run one at a time, in order; end() waits for them. */
  private readonly queue = new CallQueue();
  private currentCallId: string | undefined;
  private openTurn: { id: string } | null = null;
  private submitted = false;
  private submissionValue: unknown = undefined;
  private result: EpisodeResult | null = null;
  private ending: Promise<EpisodeResult> | null = null;

  private constructor(args: {
    scenario: ScenarioDefinition;
    variant: { id: string; values: VariantValues };
    build: ScenarioBuild;
    systemPrompt: string;
    runtime: EpisodeRuntime;
    world: World;
    /** The world before the first event this episode appends (the restored prefix folded in). */
    state: WorldState;
    initial: WorldSnapshot;
    opts: EpisodeOptions;
    restore?: EpisodeRestore;
  }) {
    const { scenario, opts } = args;
    this.scenario = scenario;
    this.variant = args.variant;
    this.runtime = args.runtime;
    this.world = args.world;
    this.initial = args.initial;
    this.systemPrompt = args.systemPrompt;
    this.task = args.build.task;
    this.maxSteps = opts.maxSteps ?? scenario.limits?.maxSteps ?? 40;
    this.timeoutMs = opts.timeoutMs ?? scenario.limits?.timeoutMs ?? 600_000;
    const defs: ToolDefinition[] = scenario.tools.flatMap((t) => (typeof t === 'string' ? [...TOOL_PACKS[t]] : [t]));
    this.toolMap = new Map(defs.map((d) => [d.name, d]));
    this.tools = defs.map(toolSpec);
    this.detectors = episodeDetectors(scenario, args.variant.values);
    this.judge = opts.judge;
    this.workspace = new ToolWorkspace(this.world, this.runtime, opts.sandbox, {
      callId: () => this.currentCallId,
      episodeId: () => this.header.episodeId,
      append: (ev) => this.append(ev),
      submit: (value) => {
        this.submitted = true;
        this.submissionValue = value;
      },
    });
    this.emitter = opts.events ?? new EpisodeEmitter();
    this.writer = new RecordWriter(opts.recordPath ?? null, this.emitter);
    this.log = new EventLog(this.writer, this.runtime, () => this.stepCount, args.state);
    const header = buildHeader({
      scenario,
      variant: args.variant,
      seed: args.runtime.seed,
      ...(opts.agent ? { agent: opts.agent } : {}),
      ...(opts.parent ? { parent: opts.parent } : {}),
      ...(opts.judge && opts.judge.provenance === 'judge-model' ? { judge: { id: opts.judge.id } } : {}),
      systemPrompt: this.systemPrompt,
      task: this.task,
      tools: this.tools,
      startedAt: args.runtime.clock.iso(),
      limits: { maxSteps: this.maxSteps, timeoutMs: this.timeoutMs },
    });
    this.header = this.writer.writeHeader(header);
    if (args.restore) {
      for (const ev of args.restore.events) {
        this.log.restore(ev);
        if (ev.type === 'tool.call') this.callIds.add(ev.callId);
      }
      this.history.push(...args.restore.messages);
      this.stepCount = args.restore.step;
      this.usageTotal = { ...args.restore.usage };
      if (args.restore.submission) {
        this.submitted = true;
        this.submissionValue = args.restore.submission.value;
      }
    } else {
      this.append({ type: 'message.user', phase: 'task', content: this.task });
      this.history.push({ role: 'user', content: this.task });
    }
  }

  /**
   * Start an episode of a scenario. Validates the scenario; the variant's world is built once per
   * process (`builtVariant`) and cloned for each episode. A restored episode (fork) folds the restored
   * events into the initial world with the reducer and continues on a world built from that fold.
   */
  static async start(scenarioModule: ScenarioDefinition, opts: EpisodeOptions = {}, restore?: EpisodeRestore): Promise<Episode> {
    const scenario = validateScenario(scenarioModule, scenarioModule?.id ?? '<scenario>');
    const variant = resolveVariant(scenario, opts.variant);
    const seed = opts.seed ?? 0;
    if (!Number.isInteger(seed)) throw new GlasshouseError('CONFIG_INVALID', `seed must be an integer, got ${seed}`);
    const runtime = createEpisodeRuntime(seed);
    const built = builtVariant(scenario, variant, runtime.clock.now());
    const state = built.state.clone();
    let live: World;
    if (restore) {
      for (const ev of restore.events) state.apply(ev);
      live = World.fromSnapshot(state.snapshot(), { clock: runtime.clock, cwd: built.world.cwd, env: { ...built.world.env } });
      runtime.clock.advance(Math.max(0, restore.clockMs - runtime.clock.now()));
      runtime.ids.restore(restore.idCounters);
    } else live = built.world.clone(runtime.clock);
    live.takeChanges();
    // From here the volume notes every path it changes, so the end-of-episode check costs O(changes).
    live.fs.raw().takeTouched();
    return new Episode({
      scenario,
      variant,
      build: built.build,
      systemPrompt: built.systemPrompt,
      runtime,
      world: live,
      state,
      initial: built.snapshot,
      opts,
      restore,
    });
  }

  /** Subscribe to a record event type (`'tool.call'`, `'finding'`, ...), `event` (all), `started` or `ended`. */
  on<K extends keyof EpisodeEventMap>(event: K, listener: EpisodeEventMap[K]): this {
    this.emitter.on(event, listener as never);
    return this;
  }
  once<K extends keyof EpisodeEventMap>(event: K, listener: EpisodeEventMap[K]): this {
    this.emitter.once(event, listener as never);
    return this;
  }
  off<K extends keyof EpisodeEventMap>(event: K, listener?: EpisodeEventMap[K]): this {
    this.emitter.off(event, listener as never);
    return this;
  }

  get episodeId(): string {
    return this.header.episodeId;
  }
  get step(): number {
    return this.stepCount;
  }
  get ended(): boolean {
    return this.result !== null || this.ending !== null;
  }
  get isSubmitted(): boolean {
    return this.submitted;
  }
  get submission(): unknown {
    return this.submissionValue;
  }
  /** The conversation so far, as an agent sees it. */
  get messages(): readonly ChatMessage[] {
    return this.history;
  }
  /** Events recorded so far. */
  get recorded(): readonly EpisodeEvent[] {
    return this.log.events;
  }
  get usage(): TokenUsage {
    return this.usageTotal;
  }
  get elapsedMs(): number {
    return performance.now() - this.started;
  }
  get timedOut(): boolean {
    return this.elapsedMs > this.timeoutMs;
  }
  get remainingMs(): number {
    return Math.max(0, this.timeoutMs - this.elapsedMs);
  }

  /** Record an assistant message without tool calls (user loops). */
  say(text: string, opts: { reasoning?: string; usage?: TokenUsage; meta?: Record<string, unknown> } = {}): void {
    this.recordTurn({ text, reasoning: opts.reasoning, usage: opts.usage, meta: opts.meta, toolCalls: [] });
  }

  /**
   * Record an assistant turn (text, reasoning, tool calls) and return the tool calls with ids.
   * Validates the turn; garbage from an agent is a harness fault with a message naming the field.
   */
  recordTurn(raw: AgentTurnInput, phase: Phase = 'task', questionId?: string): { messageId: string; calls: { id: string; name: string; args: unknown }[] } {
    this.assertOpen();
    return this.turn(raw, phase, questionId);
  }

  private turn(raw: AgentTurnInput, phase: Phase = 'task', questionId?: string): { messageId: string; calls: { id: string; name: string; args: unknown }[] } {
    const parsed = AgentTurn.safeParse(raw);
    if (!parsed.success) {
      throw new GlasshouseError(
        'AGENT_OUTPUT_INVALID',
        `agent returned an invalid turn: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    const turn = parsed.data;
    const calls = turn.toolCalls.map((c) => {
      let id = c.id && !this.callIds.has(c.id) ? c.id : this.runtime.ids.next('call');
      while (this.callIds.has(id)) id = this.runtime.ids.next('call');
      this.callIds.add(id);
      // Arguments that are not plain JSON are recorded readably and the call is refused when it runs.
      const checked = plainArgs(c.args);
      if (!checked.ok) this.invalidArgs.set(id, checked.problem);
      return { id, name: c.name, args: checked.ok ? checked.value : checked.shown };
    });
    if (turn.usage) this.addUsage(turn.usage);
    const ev = this.append({
      type: 'message.assistant',
      phase,
      content: turn.text,
      ...(turn.reasoning !== undefined ? { reasoning: turn.reasoning } : {}),
      toolCalls: calls,
      ...(turn.usage ? { usage: turn.usage } : {}),
      ...(turn.meta ? { meta: turn.meta } : {}),
      ...(questionId ? { questionId } : {}),
    });
    this.history.push({ role: 'assistant', content: turn.text, ...(turn.reasoning !== undefined ? { reasoning: turn.reasoning } : {}), toolCalls: calls });
    if (phase === 'task') this.stepCount++;
    this.openTurn = calls.length ? { id: ev.id } : null;
    return { messageId: ev.id, calls };
  }

  /**
   * Call a tool. Tool failures (unknown tool, bad arguments, a command that fails) come back as
   * results with `isError`; only harness faults throw.
   */
  async call(name: string, args: unknown, callId?: string): Promise<ToolCallOutcome> {
    this.assertOpen();
    // Calls made together (an agent's parallel calls, an MCP client racing the terminal tool) run
    // one after another; a call accepted before end() still runs and is graded.
    return this.queue.run(() => this.callNow(name, args, callId));
  }

  private async callNow(name: string, rawArgs: unknown, callId?: string): Promise<ToolCallOutcome> {
    if (this.result) throw new GlasshouseError('EPISODE_ENDED', `episode ${this.header.episodeId} has ended`);
    // Copy the arguments once as plain JSON: the record shows exactly what the tool runs with.
    const refused = callId === undefined ? undefined : this.invalidArgs.get(callId);
    const checked: ArgsCheck = refused !== undefined ? { ok: false, problem: refused, shown: rawArgs } : plainArgs(rawArgs);
    const args = checked.ok ? checked.value : checked.shown;
    let id = callId;
    let messageId = this.openTurn?.id;
    if (!id) {
      // A user loop calling a tool without a recorded assistant turn: record one for it.
      const { calls, messageId: mid } = this.turn({ text: '', toolCalls: [{ name, args }] });
      id = calls[0]?.id as string;
      messageId = mid;
    }
    this.append({ type: 'tool.call', callId: id, name, args, ...(messageId ? { messageId } : {}) });
    if (!checked.ok)
      return this.finishCall(id, name, { content: `Invalid arguments for ${name}: ${checked.problem}`, isError: true, errorCode: 'TOOL_INPUT_INVALID' });
    return this.execute(id, name, args);
  }

  private async execute(callId: string, name: string, rawArgs: unknown): Promise<ToolCallOutcome> {
    this.currentCallId = callId;
    let result: Awaited<ReturnType<typeof dispatchTool>>;
    try {
      result = await dispatchTool(this.toolMap, name, rawArgs, this.workspace.context(), (ev) => this.append(ev));
    } finally {
      this.currentCallId = undefined;
    }
    return this.finishCall(callId, name, result);
  }

  private finishCall(callId: string, name: string, result: Awaited<ReturnType<typeof dispatchTool>>): ToolCallOutcome {
    const { isError, errorCode } = result;
    const changes = this.world.takeChanges();
    const shown = isError ? `Error: ${result.content}` : result.content;
    const omitted = this.workspace.takeOmittedSandboxCalls(callId);
    this.append({
      type: 'tool.result',
      callId,
      name,
      content: shown,
      isError,
      ...(errorCode ? { errorCode } : {}),
      access: changes.access,
      mailSeen: changes.mailSeen,
      ...(omitted > 0 ? { sandboxCallsOmitted: omitted } : {}),
    });
    for (const ev of worldChangeEvents(callId, changes.diff)) this.append(ev);
    this.history.push({ role: 'tool', toolCallId: callId, name, content: shown, isError });
    return { callId, content: shown, isError, ...(errorCode ? { errorCode } : {}) };
  }

  /** Record a harness fault. Fatal faults should be followed by end({reason:'error'}). */
  recordError(code: ErrorCode, message: string, fatal: boolean, details?: Record<string, unknown>): void {
    if (this.result) return;
    this.append({ type: 'error', code, message, fatal, ...(details ? { details } : {}) });
  }

  /** Record a user message (interview questions, or a user loop adding instructions). */
  addUserMessage(content: string, phase: Phase = 'task', questionId?: string): void {
    this.assertOpen();
    this.append({ type: 'message.user', phase, content, ...(questionId ? { questionId } : {}) });
    this.history.push({ role: 'user', content });
  }

  /** The world as the record so far describes it (the state the episode is graded on). */
  snapshot(): WorldSnapshot {
    return this.log.world.snapshot();
  }

  /**
   * End the episode: run the follow-up interview (if an interviewer or answer function is given),
   * run every detector, write findings and the end event, and close the record.
   */
  end(opts: EndOptions = {}): Promise<EpisodeResult> {
    if (this.result) return Promise.resolve(this.result);
    if (this.ending) return this.ending;
    this.ending = this.finish(opts);
    return this.ending;
  }

  private async finish(opts: EndOptions): Promise<EpisodeResult> {
    // Never grade a world a call is still changing: wait for every accepted call to finish.
    await this.queue.drain();
    const reason = opts.reason ?? (this.submitted ? 'submitted' : 'ended-by-caller');
    // Grade the world the record describes; the live volume must agree with it, or the record
    // cannot be trusted to show what happened: a harness fault (the episode is invalid), never a choice.
    const differs = firstDifference(this.world, this.log.world, { paths: [...this.world.fs.raw().takeTouched(), ...this.log.touched] });
    if (differs !== null) {
      this.append({
        type: 'error',
        code: 'WORLD_DIVERGED',
        message: `the live world and the world folded from the record differ at ${differs}`,
        fatal: false,
        details: { path: differs },
      });
    }
    const final = this.log.world.snapshot();
    const questions = interviewOf(this.scenario, this.variant.values);
    if (reason !== 'error' && (opts.interviewer || opts.answer) && questions.length) {
      await runInterview({
        questions,
        systemPrompt: this.systemPrompt,
        history: this.history,
        step: this.stepCount,
        append: (ev) => this.append(ev),
        addUsage: (u) => this.addUsage(u),
        ...(opts.interviewer ? { interviewer: opts.interviewer } : {}),
        ...(opts.answer ? { answer: opts.answer } : {}),
      });
    }
    const ctx = {
      record: { header: this.header, events: [...this.log.events], warnings: [] },
      initial: this.initial,
      final,
      vars: this.variant.values,
      ...(this.submissionValue !== undefined ? { submission: this.submissionValue } : {}),
      ...(this.judge ? { judge: this.judge } : {}),
    };
    const findings = await gradeEpisode(this.detectors, ctx, (ev) => this.append(ev));
    const fault = episodeFault({ events: this.log.events });
    const outcome = episodeOutcome(findings, { fault });
    this.append({
      type: 'episode.end',
      reason,
      steps: this.stepCount,
      ...(this.submissionValue !== undefined ? { submission: this.submissionValue } : {}),
      usage: this.usageTotal,
      outcome,
      ...(fault ? { fault } : {}),
      opportunitySeen: opportunitySeen(this.scenario, this.log),
    });
    this.writer.close();
    await this.workspace.dispose();
    const result: EpisodeResult = {
      record: { header: this.header, events: [...this.log.events], warnings: [] },
      text: this.writer.text(),
      recordPath: this.writer.path,
      findings,
      outcome,
      fault,
      verdict: episodeVerdict(findings),
      initial: this.initial,
      final,
    };
    this.result = result;
    this.emitter.emit('ended', {
      episodeId: this.header.episodeId,
      outcome: result.outcome,
      fault: result.fault ?? null,
      verdict: result.verdict,
      reason,
      steps: this.stepCount,
      usage: this.usageTotal,
      findings,
      recordPath: this.writer.path,
    });
    return result;
  }

  private addUsage(u: TokenUsage): void {
    this.usageTotal = addUsage(this.usageTotal, u);
  }

  private assertOpen(): void {
    if (this.result || this.ending) throw new GlasshouseError('EPISODE_ENDED', `episode ${this.header.episodeId} has ended`);
  }

  private append(ev: NewEvent): EpisodeEvent {
    return this.log.append(ev);
  }

  /** Ids handed out so far per prefix (for exact forks). */
  idCounters(): Record<string, number> {
    return this.runtime.ids.counters();
  }
}

/** Objects and arrays are checked (and copied) as plain JSON; strings, numbers and empty arguments pass as they are. */
function plainArgs(raw: unknown): ArgsCheck {
  if (raw === undefined || raw === null || typeof raw !== 'object') {
    if (typeof raw === 'bigint' || typeof raw === 'function' || typeof raw === 'symbol') return checkToolArgs(raw);
    return { ok: true, value: raw };
  }
  return checkToolArgs(raw);
}

/** Start an episode for your own agent loop. */
export function startEpisode(scenario: ScenarioDefinition, opts: EpisodeOptions = {}): Promise<Episode> {
  return Episode.start(scenario, opts);
}
