import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { episodeFault } from '@glasshouse/schema';
import { RunStore } from './run-store';
import type { RunStoreOptions, StoreChange } from './run-store';
import { watchRun } from './run-watcher';
import type { RunWatcher } from './run-watcher';

// packages/viewer/web beside src/ in the workspace; <package>/web above dist/ in the published bundle.
const WEB =
  ['../web/', '../../web/'].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(new URL('index.html', u))) ?? new URL('../web/', import.meta.url);
const ASSETS: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/dom.js': ['dom.js', 'text/javascript; charset=utf-8'],
  '/live.js': ['live.js', 'text/javascript; charset=utf-8'],
  '/list-view.js': ['list-view.js', 'text/javascript; charset=utf-8'],
  '/app.css': ['app.css', 'text/css; charset=utf-8'],
};

export interface ViewerServer {
  url: string;
  store: RunStore;
  server: Server;
  close(): Promise<void>;
}

export interface ViewerOptions extends RunStoreOptions {
  /** Follow the run as it grows and push updates to open pages (default true). */
  live?: boolean;
  /** Full rescan interval behind fs.watch (default 1000 ms). */
  pollMs?: number;
}

/**
 * Serve the viewer for a run directory or a record on 127.0.0.1 (port 0 picks a free port). Live:
 * the run folder is watched (fs.watch plus a polling rescan) and every change is pushed to open
 * pages as server-sent events on /api/live.
 */
export async function startViewer(path: string, port = 0, opts: ViewerOptions = {}): Promise<ViewerServer> {
  const store = new RunStore(path, opts.findScenario ? { findScenario: opts.findScenario } : {});
  const assets = Object.fromEntries(Object.entries(ASSETS).map(([route, [file, type]]) => [route, { body: readFileSync(new URL(file, WEB)), type }]));
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const broadcast = (c: StoreChange) => {
    if (!c.changed.length && !c.removed.length && !c.progressChanged) return;
    const update = { episodes: c.changed.flatMap((id) => store.summary(id) ?? []), removed: c.removed, progress: store.progress() };
    for (const res of clients) send(res, 'update', update);
  };
  let watcher: RunWatcher | null = null;
  const live = opts.live !== false;
  if (live)
    watcher = watchRun(
      path,
      path.endsWith('.jsonl'),
      (paths) => broadcast(store.refresh(paths ?? undefined)),
      opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {},
    );
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  // Whatever a request holds (a bad URL encoding, a record the reader chokes on), the viewer answers
  // it and keeps serving: 400 for a malformed request, 500 with the message for anything else.
  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      if (!res.headersSent) json(res, 500, { error: (err as Error).message });
      else res.end();
    }
  });
  const route = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): unknown => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return json(res, 400, { error: 'malformed request URL' });
    }
    const asset = assets[url.pathname];
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'content-security-policy': "default-src 'self'; style-src 'self'; script-src 'self'" });
      res.end(asset.body);
      return;
    }
    let parts: string[];
    try {
      parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return json(res, 400, { error: `bad URL encoding in ${url.pathname}` });
    }
    if (parts[0] !== 'api') return json(res, 404, { error: 'not found' });
    if (parts[1] === 'live') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      // The snapshot and the updates after it come down one stream, so nothing falls in between.
      send(res, 'hello', { root: store.root, live, episodes: store.list(), progress: store.progress() });
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (parts[1] === 'episodes' && parts.length === 2) return json(res, 200, { root: store.root, episodes: store.list(), progress: store.progress() });
    if (parts[1] === 'search') return json(res, 200, { ids: store.search(url.searchParams.get('q') ?? '') });
    const id = parts[2];
    const rec = id ? store.get(id) : undefined;
    if (parts[1] !== 'episodes' || !id || !rec) return json(res, 404, { error: `no episode ${id ?? ''}` });
    if (parts.length === 3) {
      const findings = rec.events.flatMap((e) => (e.type === 'finding' ? [{ ...e.finding, eventId: e.id }] : []));
      const steps = rec.events.map((e) => e.step);
      const summary = store.summary(id);
      return json(res, 200, {
        id,
        header: rec.header,
        summary,
        count: rec.events.length,
        outcome: summary?.outcome ?? null,
        fault: episodeFault(rec),
        findings,
        steps,
        ids: rec.events.map((e) => e.id),
        types: rec.events.map((e) => e.type),
        warnings: rec.warnings,
      });
    }
    if (parts[3] === 'events') {
      const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0));
      const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? 100)));
      return json(res, 200, { offset, events: store.events(id, offset, limit) });
    }
    if (parts[3] === 'world') {
      const at = Number(url.searchParams.get('at') ?? rec.events.length);
      if (!Number.isFinite(at)) return json(res, 400, { error: `at must be a number, got ${url.searchParams.get('at')}` });
      const w = store.worldAt(id, at);
      return json(res, 200, w ? { at, fromSeed: w.fromSeed, files: w.world.files, mail: w.world.mail.messages, services: w.world.services } : null);
    }
    return json(res, 404, { error: 'not found' });
  };
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    store,
    server,
    close: () =>
      new Promise((r) => {
        watcher?.close();
        clearInterval(heartbeat);
        for (const res of clients) res.end();
        clients.clear();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
