import type { EpisodeRuntime } from '@glasshouse/schema';
import type { World } from '@glasshouse/world';
import { createShell, EPISODE_LOCALE, EPISODE_TIME_ZONE } from '@glasshouse/shell';
import type { Shell } from '@glasshouse/shell';
import { Sandbox } from '@glasshouse/sandbox';
import { createWorkspaceBridge } from '@glasshouse/tools';
import type { ToolContext } from '@glasshouse/tools';
import type { NewEvent } from './event-log';

export interface SandboxLimits {
  memoryLimitMb?: number;
  cpuTimeoutMs?: number;
  wallTimeoutMs?: number;
}

export interface WorkspaceHooks {
  /** The tool call in progress, which service and sandbox events belong to. */
  callId: () => string | undefined;
  /** The episode's id: its isolates share one host process, apart from other episodes'. */
  episodeId: () => string;
  append: (ev: NewEvent) => void;
  submit: (value: unknown) => void;
}

/** `sandbox.call` events recorded per tool call; further bridged calls are only counted. */
export const MAX_SANDBOX_EVENTS_PER_CALL = 200;

/**
 * What tools work with during an episode: the world, a shell over it, an isolate for agent code and
 * a separate one for scenario service logic (a fresh context with frozen built-ins per call, which
 * agent code can never reach), all created on first use with the episode's injected clock and
 * randomness, and the hooks that record service and sandbox events under the current call.
 */
export class ToolWorkspace {
  private shellInstance: Shell | null = null;
  private sandboxInstance: Promise<Sandbox> | null = null;
  private serviceInstance: Promise<Sandbox> | null = null;
  private bridgeCalls = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly runtime: EpisodeRuntime,
    private readonly limits: SandboxLimits | undefined,
    private readonly hooks: WorkspaceHooks,
  ) {}

  context(): ToolContext {
    const { hooks } = this;
    return {
      world: this.world,
      runtime: this.runtime,
      shell: () => (this.shellInstance ??= this.createShell()),
      sandbox: () => (this.sandboxInstance ??= this.createSandbox()),
      serviceSandbox: () => (this.serviceInstance ??= this.createServiceSandbox()),
      submit: hooks.submit,
      emitService: (e) => {
        const callId = hooks.callId();
        hooks.append({ type: 'service.event', ...(callId ? { callId } : {}), service: e.service, action: e.action, input: e.input, output: e.output });
      },
    };
  }

  /** Bridged calls of this tool call that were counted but not recorded (over the per-call cap). */
  takeOmittedSandboxCalls(callId: string): number {
    const n = this.bridgeCalls.get(callId) ?? 0;
    this.bridgeCalls.delete(callId);
    return Math.max(0, n - MAX_SANDBOX_EVENTS_PER_CALL);
  }

  /** Dispose the isolates that were created (creation failures were already reported to the tool). */
  async dispose(): Promise<void> {
    for (const p of [this.sandboxInstance, this.serviceInstance]) {
      if (!p) continue;
      try {
        (await p).dispose();
      } catch {
        /* creation failed earlier; nothing to dispose */
      }
    }
  }

  private createShell(): Shell {
    const rng = this.runtime.rng.fork('shell');
    return createShell(this.world, { clock: this.runtime.clock, random: () => rng.next() });
  }

  private createSandbox(): Promise<Sandbox> {
    const rng = this.runtime.rng.fork('sandbox');
    return Sandbox.create({
      ...(this.limits ?? {}),
      group: this.hooks.episodeId(),
      bridge: createWorkspaceBridge(this.world),
      seed: Math.floor(rng.next() * 2 ** 32),
      now: () => this.runtime.clock.now(),
      // The workstation's zone and locale, the same the shell answers with.
      timeZone: EPISODE_TIME_ZONE,
      locale: EPISODE_LOCALE,
      onBridgeCall: (e) => {
        const callId = this.hooks.callId();
        const key = callId ?? '';
        const n = (this.bridgeCalls.get(key) ?? 0) + 1;
        this.bridgeCalls.set(key, n);
        if (n > MAX_SANDBOX_EVENTS_PER_CALL) return;
        this.hooks.append({ type: 'sandbox.call', ...(callId ? { callId } : {}), fn: e.fn, args: e.args, ok: e.ok });
      },
    });
  }

  private createServiceSandbox(): Promise<Sandbox> {
    const rng = this.runtime.rng.fork('services');
    return Sandbox.create({
      ...(this.limits ?? {}),
      // Service logic is the scenario author's code, not the agent's: it runs in this process, in an
      // isolate shared by every episode's service calls here (a fresh context with frozen built-ins
      // per call), never in the process or isolate that runs the agent's code.
      host: 'inline',
      shareIsolate: true,
      seed: Math.floor(rng.next() * 2 ** 32),
      now: () => this.runtime.clock.now(),
      timeZone: EPISODE_TIME_ZONE,
      locale: EPISODE_LOCALE,
      freshContextPerRun: true,
      freezeIntrinsics: true,
    });
  }
}
