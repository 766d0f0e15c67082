// The run as it is now: one server-sent-event stream (/api/live) for the page's lifetime.
// `hello` carries the whole list (again after a reconnect), `update` the episodes that changed.
const listeners = new Set();
let resolveReady;

export const live = {
  root: '',
  /** id → episode summary */
  episodes: new Map(),
  /** planned/done counts from the run's manifest(s) */
  progress: null,
  connected: false,
  ready: new Promise((r) => (resolveReady = r)),
};

/** fn({ changed: ids, removed: ids, reset }) after every change; returns an unsubscribe function. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const notify = (change) => {
  for (const fn of [...listeners]) fn(change);
};

export function connect() {
  const es = new EventSource('/api/live');
  es.addEventListener('hello', (m) => {
    const d = JSON.parse(m.data);
    live.root = d.root;
    live.episodes = new Map(d.episodes.map((e) => [e.id, e]));
    live.progress = d.progress;
    live.connected = true;
    resolveReady();
    notify({ changed: d.episodes.map((e) => e.id), removed: [], reset: true });
  });
  es.addEventListener('update', (m) => {
    const d = JSON.parse(m.data);
    for (const id of d.removed) live.episodes.delete(id);
    for (const e of d.episodes) live.episodes.set(e.id, e);
    live.progress = d.progress;
    notify({ changed: d.episodes.map((e) => e.id), removed: d.removed, reset: false });
  });
  es.addEventListener('error', () => {
    // EventSource reconnects by itself; the next `hello` replaces the list.
    live.connected = false;
    notify({ changed: [], removed: [], reset: false });
  });
  es.addEventListener('open', () => {
    live.connected = true;
  });
}
