import { RunEmitter } from '@glasshouse/runner';

/**
 * `--json-events`: a run emitter that writes every run event to stdout as one JSON line, in the
 * order emitted (the `RunEvent` schema of packages/runner). Human output goes to stderr instead.
 */
export function jsonEventsEmitter(stream: NodeJS.WritableStream = process.stdout): RunEmitter {
  const emitter = new RunEmitter();
  emitter.on('event', (e) => stream.write(`${JSON.stringify(e)}\n`));
  return emitter;
}
