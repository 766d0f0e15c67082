// The sandbox host: a child process (forked by host-pool.ts with an IPC channel) that runs agent
// code in isolates. Whatever an isolate does to this process (a fatal V8 out-of-memory, an abort, a
// thread that never returns) costs only this process; the supervisor in the parent notices, fails
// the runs it had, and starts a new one. Bridged calls go to the parent, which owns the world.
import { IsolateSession } from './isolate-session.mjs';

const sessions = new Map(); // sid -> { session, rid }
const waiting = new Map(); // bid -> resolve
let nextBid = 1;

const send = (msg) => {
  if (process.connected) process.send(msg);
};

function open(sid, opts) {
  const entry = { session: null, rid: null };
  entry.session = new IsolateSession(opts, (name, argsJson) => {
    const rid = entry.rid;
    if (rid === null) return JSON.stringify({ e: `host.${name} called outside a run` });
    const bid = nextBid++;
    return new Promise((resolve) => {
      waiting.set(bid, resolve);
      send({ t: 'bridge', rid, bid, name, args: argsJson });
    });
  });
  sessions.set(sid, entry);
}

async function run(msg) {
  const entry = sessions.get(msg.sid);
  if (!entry) {
    send({
      t: 'done',
      rid: msg.rid,
      res: { ok: false, error: { code: 'SANDBOX_DISPOSED', message: 'sandbox has been disposed' }, logs: '', truncated: false },
      isolates: 0,
    });
    return;
  }
  entry.rid = msg.rid;
  let res;
  try {
    res = await entry.session.run(msg.kind, msg.args, msg.now);
  } catch (err) {
    res = {
      ok: false,
      error: { code: 'SANDBOX_ERROR', message: `sandbox host failed: ${err instanceof Error ? err.message : String(err)}` },
      logs: '',
      truncated: false,
    };
  }
  entry.rid = null;
  send({ t: 'done', rid: msg.rid, res, isolates: entry.session.isolatesCreated });
}

process.on('message', (msg) => {
  switch (msg?.t) {
    case 'open':
      open(msg.sid, msg.opts);
      send({ t: 'opened', sid: msg.sid });
      break;
    case 'run':
      void run(msg);
      break;
    case 'reply': {
      const resolve = waiting.get(msg.bid);
      waiting.delete(msg.bid);
      resolve?.(msg.out);
      break;
    }
    case 'close': {
      sessions.get(msg.sid)?.session.dispose();
      sessions.delete(msg.sid);
      break;
    }
    case 'ping':
      send({ t: 'pong', id: msg.id });
      break;
    default:
      break;
  }
});
// The parent went away: nothing left to serve.
process.on('disconnect', () => process.exit(0));
send({ t: 'ready' });
