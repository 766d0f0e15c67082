// Plain JavaScript, like isolate-session.mjs (which uses it).
import ivm from 'isolated-vm';

/**
 * One isolate kept by this process for every session that asks to share it (trusted scenario
 * service logic: a fresh context per run, so sharing the isolate shares no state). Creating an
 * isolate costs ≈ 2 ms, a context ≈ 0.5 ms; a service call per episode would otherwise pay both.
 * Runs on it are serialised process-wide (`exclusive`), so a run that is killed (its isolate
 * disposed on a timeout or the memory limit) takes no other session's run with it; the next run
 * gets a new isolate.
 */
export class SharedIsolate {
  constructor(memoryLimitMb) {
    this.memoryLimitMb = memoryLimitMb;
    this.isolate = null;
    this.tail = Promise.resolve();
  }

  /** The live isolate, and whether this call had to create it. */
  acquire() {
    if (this.isolate && !this.isolate.isDisposed) return { isolate: this.isolate, created: false };
    this.isolate = new ivm.Isolate({ memoryLimit: this.memoryLimitMb });
    return { isolate: this.isolate, created: true };
  }

  /** Dispose the isolate (after a killed run); the next `acquire` makes a new one. */
  reset(isolate) {
    if (this.isolate === isolate) this.isolate = null;
    if (isolate && !isolate.isDisposed) {
      try {
        isolate.dispose();
      } catch {
        /* already disposed */
      }
    }
  }

  /** Run `fn` when every run queued before it has settled. */
  exclusive(fn) {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const shared = new Map();

/** This process's shared isolate for a memory limit (one per distinct limit). */
export function sharedIsolate(memoryLimitMb) {
  let s = shared.get(memoryLimitMb);
  if (!s) {
    s = new SharedIsolate(memoryLimitMb);
    shared.set(memoryLimitMb, s);
  }
  return s;
}
