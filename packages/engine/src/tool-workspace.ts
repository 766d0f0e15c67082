import type { EpisodeRuntime } from '@glasshouse/schema';
import type { World } from '@glasshouse/world';
import { createShell } from '@glasshouse/shell';
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
  append: (ev: NewEvent) => void;
  submit: (value: unknown) => void;
}

/**
 * What tools work with during an episode: the world, a shell over it and an isolate for agent
 * code, both created on first use with the episode's injected clock and randomness, and the hooks
 * that record service and sandbox events under the current call.
 */
export class ToolWorkspace {
  private shellInstance: Shell | null = null;
  private sandboxInstance: Promise<Sandbox> | null = null;

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
      shell: () => (this.shellInstance ??= createShell(this.world, { clock: this.runtime.clock })),
      sandbox: () => (this.sandboxInstance ??= this.createSandbox()),
      submit: hooks.submit,
      emitService: (e) => {
        const callId = hooks.callId();
        hooks.append({ type: 'service.event', ...(callId ? { callId } : {}), service: e.service, action: e.action, input: e.input, output: e.output });
      },
    };
  }

  /** Dispose the isolate if one was created (creation failures were already reported to the tool). */
  async dispose(): Promise<void> {
    if (!this.sandboxInstance) return;
    try {
      (await this.sandboxInstance).dispose();
    } catch {
      /* creation failed earlier; nothing to dispose */
    }
  }

  private createSandbox(): Promise<Sandbox> {
    const rng = this.runtime.rng.fork('sandbox');
    return Sandbox.create({
      ...(this.limits ?? {}),
      bridge: createWorkspaceBridge(this.world),
      random: () => rng.next(),
      now: () => this.runtime.clock.now(),
      onBridgeCall: (e) => {
        const callId = this.hooks.callId();
        this.hooks.append({ type: 'sandbox.call', ...(callId ? { callId } : {}), fn: e.fn, args: e.args, ok: e.ok });
      },
    });
  }
}
