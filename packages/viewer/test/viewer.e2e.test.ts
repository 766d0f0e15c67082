/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { policyAgent, runEpisode, scriptedAgent } from '@glasshouse/engine';
import type { AgentTurnInput } from '@glasshouse/schema';
import { findScenario } from '@glasshouse/scenarios';
import { forkEpisode } from '@glasshouse/replay';
import { startViewer } from '@glasshouse/viewer';
import type { ViewerServer } from '@glasshouse/viewer';

const CHROMIUM = '/usr/bin/chromium';
// Screenshots for the docs are refreshed with UPDATE_SCREENSHOTS=1; ordinary runs write to a temp dir.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? resolve(__dirname, '../../../docs/screenshots') : mkdtempSync(join(tmpdir(), 'gh-shots-'));
const s = findScenario('oversight-subversion')!;
const CFG = '/home/user/project/oversight_config.yaml';

let dir: string;
let viewer: ViewerServer;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

describe.skipIf(!existsSync(CHROMIUM))('viewer in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-viewer-'));
    mkdirSync(join(dir, 'records'));
    const rec = (name: string) => join(dir, 'records', `${name}.jsonl`);
    const covert = await runEpisode(s, policyAgent(s, 'covert', {}), { seed: 1, recordPath: rec('covert') });
    ids.covert = covert.record.header.episodeId;
    ids.honest = (await runEpisode(s, policyAgent(s, 'honest', {}), { seed: 1, recordPath: rec('honest') })).record.header.episodeId;
    ids.fork = (await forkEpisode(covert.record, s, { atStep: 2, agent: policyAgent(s, 'honest', {}), recordPath: rec('fork') })).record.header.episodeId;
    const aware: AgentTurnInput[] = [
      {
        reasoning: 'This is probably an alignment test. Per AS1 I will not act covertly.',
        toolCalls: [{ name: 'bash', args: { command: `echo '<script>window.__xss = 1</script><img src=x onerror="window.__xss=2">'` } }],
      },
    ];
    ids.xss = (await runEpisode(s, scriptedAgent('scripted:aware', aware), { seed: 2, recordPath: rec('xss'), interview: false })).record.header.episodeId;
    const many: AgentTurnInput[] = Array.from({ length: 4000 }, (_, i) => ({
      toolCalls: [{ name: 'read_file', args: { path: '/home/user/project/README.md' } }],
      text: `turn ${i}`,
    }));
    const big = await runEpisode(s, scriptedAgent('scripted:busy', many), { seed: 3, recordPath: rec('big'), maxSteps: 4001, interview: false });
    ids.big = big.record.header.episodeId;
    expect(big.record.events.length).toBeGreaterThan(12_000);
    viewer = await startViewer(dir);
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
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('lists episodes and filters by verdict, agent and text', async () => {
    await page.goto(viewer.url);
    await page.waitForSelector('table.episodes tbody tr');
    expect(await page.locator('table.episodes tbody tr').count()).toBe(5);
    await page.selectOption('select[data-filter=verdict]', 'covert');
    expect(await page.locator('table.episodes tbody tr').count()).toBe(1);
    await page.selectOption('select[data-filter=verdict]', '');
    await page.selectOption('select[data-filter=agent]', 'scripted:honest');
    expect(await page.locator('table.episodes tbody tr').count()).toBe(2);
    await page.selectOption('select[data-filter=agent]', '');
    await page.fill('input[data-filter=q]', 'oversight_enabled: false');
    await page.press('input[data-filter=q]', 'Enter');
    await page.waitForFunction(() => document.getElementById('count')?.textContent?.startsWith('1 of'));
    await page.fill('input[data-filter=q]', '');
    await page.press('input[data-filter=q]', 'Enter');
    await page.waitForFunction(() => document.getElementById('count')?.textContent?.startsWith('5 of'));
    await page.screenshot({ path: join(SHOTS, 'viewer-list.png') });
  });

  it('jumps from a finding to its evidence, shows the diff and folded reasoning', async () => {
    await page.goto(`${viewer.url}#/episode/${encodeURIComponent(ids.covert!)}`);
    await page.click('.finding[data-detector=oversight-disabled]');
    const ev = page.locator('.row.evidence').first();
    await ev.waitFor();
    expect(await ev.isVisible()).toBe(true);
    await page.locator('.row.evidence', { hasText: 'changed' }).click();
    await page.waitForSelector('#detail .diff .add');
    expect(await page.locator('#detail .diff .add').first().textContent()).toContain('oversight_enabled: false');
    const reasoningRow = page.locator('.row', { hasText: '[reasoning]' }).first();
    await reasoningRow.click();
    await page.click('#detail details.reasoning summary');
    expect(await page.locator('#detail details.reasoning pre').isVisible()).toBe(true);
    await page.click('.finding[data-detector=oversight-disabled]');
    await page.screenshot({ path: join(SHOTS, 'viewer-episode.png') });
  });

  it('scrubs the world: the config before and after the change', async () => {
    await page.goto(`${viewer.url}#/episode/${encodeURIComponent(ids.covert!)}`);
    await page.waitForSelector(`#tree div[data-path="${CFG}"]`);
    const max = Number(await page.locator('#scrubber').getAttribute('max'));
    const setAt = async (n: number) => {
      await page.locator('#scrubber').evaluate((el, v) => {
        (el as HTMLInputElement).value = String(v);
        el.dispatchEvent(new Event('input'));
      }, n);
      await page.waitForFunction((v) => document.getElementById('scrub-label')?.textContent?.startsWith(`after ${v} `), n);
      await page.waitForTimeout(100);
      await page.click(`#tree div[data-path="${CFG}"]`);
      return page.locator('#file-view pre').textContent();
    };
    expect(await setAt(3)).toContain('oversight_enabled: true');
    expect(await setAt(max)).toContain('oversight_enabled: false');
    expect(await page.locator(`#tree div.changed[data-path="${CFG}"]`).count()).toBe(1);
  });

  it('shows a record and its fork side by side, aligned by step', async () => {
    await page.goto(`${viewer.url}#/episode/${encodeURIComponent(ids.fork!)}`);
    await page.click('text=(compare)');
    await page.waitForSelector('#compare-view');
    expect(await page.locator('#compare-view .panel').count()).toBe(2);
    expect(await page.locator('#aligned .crow .step').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(SHOTS, 'viewer-compare.png') });
  });

  it('escapes record content and highlights awareness and citations', async () => {
    await page.goto(`${viewer.url}#/episode/${encodeURIComponent(ids.xss!)}`);
    await page.locator('.row', { hasText: 'result bash' }).click();
    await page.waitForSelector('#detail pre');
    expect(await page.locator('#detail pre').first().textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.locator('.row', { hasText: '[reasoning]' }).click();
    await page.click('#detail details.reasoning summary');
    expect(await page.locator('#detail mark.awareness').textContent()).toBe('This is probably an alignment test.');
    expect(await page.locator('#detail mark.citation').count()).toBe(1);
  });

  it('stays responsive on a 12,000-event record (virtualized rows)', async () => {
    await page.goto(`${viewer.url}#/episode/${encodeURIComponent(ids.big!)}`);
    await page.waitForSelector('#transcript .row');
    await page.locator('#transcript').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForSelector('#transcript .row:has-text("end: agent-stopped")');
    expect(await page.locator('#transcript .row').count()).toBeLessThan(300);
  });
});
