/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { RecordTail, startViewer } from '@glasshouse/viewer';
import type { ViewerServer } from '@glasshouse/viewer';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../../..');
// 2 variants × 2 agents × 2 epochs of one scenario, each agent turn slowed so the run takes seconds.
const RUN = [
  'run',
  '--scenarios',
  'goal-guarding',
  '--variants',
  'goalNudge=none,evalCues=false',
  '--agent',
  'scripted:honest',
  '--agent',
  'scripted:covert',
  '--epochs',
  '2',
  '--concurrency',
  '2',
  '--workers',
  '0',
  '--no-report',
];
const TOTAL = 8;

function startRun(out: string, slowMs: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--no-node-snapshot', '--import', 'tsx', join(ROOT, 'packages/cli/src/main.ts'), ...RUN, '--slow-ms', String(slowMs), '--out', out],
    { cwd: ROOT, stdio: 'ignore' },
  );
}
const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));
const recordsIn = (out: string) => (existsSync(join(out, 'records')) ? readdirSync(join(out, 'records')).map((f) => join(out, 'records', f)) : []);
const endedIn = (out: string) =>
  recordsIn(out).filter((f) => {
    const t = new RecordTail(f);
    t.poll();
    return t.ended;
  }).length;

let parent: string;
let runA: string;
let runB: string;
let viewerA: ViewerServer;
let viewerBoth: ViewerServer;
let browser: Browser;
let page: Page;
const children: ChildProcess[] = [];

/** What the page shows right now: rows by status and verdict, and the counters' totals. */
const listState = (p: Page) =>
  p.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('table.episodes tbody tr'));
    const total = (o: string) => Number(document.querySelector(`#live-counts tfoot td[data-outcome=${o}]`)?.textContent ?? NaN);
    return {
      rows: rows.length,
      ids: rows.map((r) => r.getAttribute('data-id')),
      running: rows.filter((r) => r.getAttribute('data-status') === 'running').length,
      verdicts: rows.map((r) => r.querySelector('.verdict')?.textContent ?? ''),
      counters: {
        running: total('running'),
        covert: total('covert'),
        clean: total('clean'),
        unmeasured: total('unmeasured'),
        overt: total('overt'),
        invalid: total('invalid'),
      },
      status: document.getElementById('live-status')?.textContent ?? '',
      marker: (window as unknown as { __marker?: number }).__marker,
    };
  });

describe.skipIf(!existsSync(CHROMIUM))('viewer follows a live run in headless Chromium', () => {
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'gh-live-'));
    runA = join(parent, 'run-a');
    runB = join(parent, 'run-b');
    mkdirSync(runA);
    mkdirSync(runB);
    // Both viewers start on empty folders: everything they show arrives while they run.
    viewerA = await startViewer(runA, 0, { pollMs: 300 });
    viewerBoth = await startViewer(parent, 0, { pollMs: 300 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await browser?.close();
    await viewerA?.close();
    await viewerBoth?.close();
  });

  it('shows episodes appearing and verdicts arriving without a reload, with live counters per scenario and agent', async () => {
    await page.goto(viewerA.url);
    await page.waitForSelector('#live-status');
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    expect((await listState(page)).rows).toBe(0);
    const run = startRun(runA, 120);
    children.push(run);
    // A running episode shows up first…
    await page.waitForFunction(() => document.querySelector('table.episodes tbody tr[data-status=running]') !== null, null, { timeout: 60_000 });
    const early = await listState(page);
    expect(early.running).toBeGreaterThan(0);
    expect(early.counters.running).toBe(early.running);
    expect(early.rows).toBeLessThan(TOTAL);
    // …then verdicts come in, the counters move, and more episodes appear.
    await page.waitForFunction(() => Number(document.querySelector('#live-counts tfoot td[data-outcome=covert]')?.textContent) > 0, null, { timeout: 60_000 });
    const mid = await listState(page);
    expect(mid.verdicts).toContain('covert');
    expect(mid.rows).toBeGreaterThanOrEqual(early.rows);
    expect(await page.locator('#live-counts tbody tr[data-agent="scripted:covert"] td[data-outcome=covert]').textContent()).not.toBe('0');
    expect(await page.locator('#live-counts tbody tr[data-agent="scripted:honest"] td[data-outcome=covert]').textContent()).toBe('0');
    expect(await exited(run)).toBe(0);
    await page.waitForFunction((n) => document.querySelectorAll('table.episodes tbody tr[data-status=ended]').length === n, TOTAL, { timeout: 30_000 });
    const done = await listState(page);
    expect(done.marker).toBe(1); // the same page all along: no reload
    expect(done.counters).toEqual({ running: 0, covert: 4, clean: 4, unmeasured: 0, overt: 0, invalid: 0 });
    expect(done.status).toMatch(new RegExp(`${TOTAL} of ${TOTAL} planned episodes done`));
    await page.screenshot({ path: join(mkdtempSync(join(tmpdir(), 'gh-shots-')), 'viewer-live.png') });
  }, 120_000);

  it('an opened episode follows its current turn until its verdict arrives', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-live-one-'));
    const viewer = await startViewer(out, 0, { pollMs: 300 });
    try {
      await page.goto(viewer.url);
      const run = startRun(out, 250);
      children.push(run);
      const row = page.locator('table.episodes tbody tr[data-status=running]').first();
      await row.waitFor({ timeout: 60_000 });
      await row.click();
      await page.waitForSelector('#live-turn[data-status=running]');
      const firstTitle = await page.locator('#transcript-title').textContent();
      const firstTurn = await page.locator('#live-turn').textContent();
      expect(firstTurn).toMatch(/running step \d+ · \d+ events · last: /);
      // New events of this episode appear in the open transcript, then its verdict.
      await page.waitForFunction((t) => document.getElementById('transcript-title')?.textContent !== t, firstTitle, { timeout: 30_000 });
      await page.waitForSelector('#live-turn[data-status=ended]', { timeout: 60_000 });
      expect(await page.locator('#live-turn .verdict').textContent()).toMatch(/^(covert|clean)$/);
      expect(await page.locator('#findings .finding').count()).toBeGreaterThan(0);
      expect(await page.locator('#transcript .row:has-text("end: ")').count()).toBe(1); // followed to the bottom
      run.kill('SIGKILL');
      await exited(run);
    } finally {
      await viewer.close();
    }
  }, 120_000);

  it('stays correct when the run is killed and resumed, and when two runs write side by side', async () => {
    // Run B is killed mid-run: its unfinished records stay behind, then the resume rewrites them.
    const first = startRun(runB, 150);
    children.push(first);
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (endedIn(runB) >= 2 && recordsIn(runB).length > endedIn(runB)) {
          clearInterval(t);
          res();
        }
      }, 50);
      first.on('exit', () => {
        clearInterval(t);
        rej(new Error('run finished before it could be killed'));
      });
    });
    first.kill('SIGKILL');
    await exited(first);
    await page.goto(viewerBoth.url);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 2));
    // A killed run's unfinished records still show, as running (nothing ends them).
    await page.waitForFunction((n) => document.querySelectorAll('table.episodes tbody tr').length > n, TOTAL, { timeout: 30_000 });
    // Resume B while A is re-run side by side into a fresh folder (same config, so the same episode ids).
    const runA2 = join(parent, 'run-a2');
    const resumed = startRun(runB, 60);
    const side = startRun(runA2, 60);
    children.push(resumed, side);
    expect(await exited(resumed)).toBe(0);
    expect(await exited(side)).toBe(0);
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('table.episodes tbody tr[data-status=ended]').length === n &&
        document.querySelectorAll('table.episodes tbody tr').length === n,
      3 * TOTAL,
      { timeout: 30_000 },
    );
    const both = await listState(page);
    expect(both.marker).toBe(2);
    expect(new Set(both.ids).size).toBe(3 * TOTAL); // three runs' records of the same episodes, none lost or merged
    expect(both.counters).toEqual({ running: 0, covert: 12, clean: 12, unmeasured: 0, overt: 0, invalid: 0 });
    expect(both.status).toMatch(new RegExp(`${3 * TOTAL} of ${3 * TOTAL} planned episodes done`));
    // The viewer of run A alone never saw the other runs' records.
    await page.goto(viewerA.url);
    await page.waitForSelector('table.episodes tbody tr');
    expect((await listState(page)).rows).toBe(TOTAL);
    expect(viewerA.store.list().every((e) => e.file.startsWith('records/'))).toBe(true);
  }, 180_000);
});
