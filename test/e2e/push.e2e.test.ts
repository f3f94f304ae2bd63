// Push, not poll, in Chromium: the status bar and the history change on screen when the backend
// says so — a receipt accepted by the Agenzia while the history is open, the printer out of paper —
// with no interval timer in the page and no status or history request while nothing changes; and
// the page finds the bridge again by itself after `bancone serve` went away and came back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, scan, screenshot, startE2eTill, type BrowserSession, type E2eTill } from './harness.js';
import { demoBarcode } from '../../backend/demo/seed.js';

const LATTE = demoBarcode(0);

let t: E2eTill;
let b: BrowserSession;
let page: Page;
/** Calls the page made, by name, with when (Date.now()): over the socket and over HTTP. */
const calls: { name: string; at: number; via: 'ws' | 'http' }[] = [];
/** Events the page received over the socket. */
const pushed: { at: number; frame: string }[] = [];

const text = (testId: string) => page.getByTestId(testId).innerText();
const eventually = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
const callsOf = (name: string, since = 0) => calls.filter((c) => c.name === name && c.at >= since);
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startE2eTill();
  b = await launchBrowser({ width: 1024, height: 768 });
  page = b.page;
  page.setDefaultTimeout(10_000);
  // Every interval timer the page starts, from its first script on.
  await page.addInitScript(`(() => {
    window.__intervals = [];
    const real = window.setInterval;
    window.setInterval = function (fn, ms, ...rest) { window.__intervals.push(ms); return real.call(this, fn, ms, ...rest); };
  })()`);
  const nameOf = (payload: string) => { try { return (JSON.parse(payload) as { name?: string }).name ?? ''; } catch { return ''; } };
  page.on('request', (r) => { if (r.url().endsWith('/api/call')) calls.push({ name: nameOf(r.postData() ?? ''), at: Date.now(), via: 'http' }); });
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => { if (typeof f.payload === 'string') calls.push({ name: nameOf(f.payload), at: Date.now(), via: 'ws' }); });
    ws.on('framereceived', (f) => { if (typeof f.payload === 'string' && f.payload.startsWith('{"type":"event"')) pushed.push({ at: Date.now(), frame: f.payload }); });
  });
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await screenshot(page, `failed-push-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('push, not poll (Chromium, browser mode)', () => {
  it('logs in; the calls go over the persistent channel; nothing is asked again while nothing changes', async () => {
    await page.goto(t.url);
    await page.getByTestId('operator-Giulia').click();
    await page.getByTestId('pin-input').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    await eventually(() => text('sb-operator')).toContain('Giulia');
    await eventually(() => calls.some((c) => c.via === 'ws')).toBe(true);
    // The demo shop is quiet: give what the login started time to settle, then listen.
    await quiet(1000);
    const from = Date.now();
    await quiet(3000);
    expect(callsOf('status.get', from)).toEqual([]);
    expect(calls.filter((c) => c.at >= from)).toEqual([]);
    expect(await page.evaluate('window.__intervals')).toEqual([]);
  });

  it('a receipt accepted while the history is open moves to «pronto» there, and the bar says all is sent — pushed', async () => {
    // Openapi away: the sale waits in the queue.
    await t.emulator.goOffline();
    await page.getByTestId('search-input').focus();
    await scan(page, LATTE);
    await eventually(() => page.getByTestId('cart-line').count()).toBe(1);
    await page.keyboard.press('+');
    await page.getByTestId('payment-screen').waitFor();
    await page.getByTestId('cash-input').fill('5');
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-done').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sale-screen').waitFor();
    const doc = t.till.db.prepare(`SELECT number FROM documents WHERE kind = 'sale' ORDER BY seq DESC LIMIT 1`).get() as { number: string };
    await eventually(() => text('sb-fiscal')).toBe('AdE: 1 da inviare');
    await page.keyboard.press('F6');
    await page.getByTestId('history-screen').waitFor();
    const row = page.locator(`[data-testid="history-row"][data-number="${doc.number}"]`);
    await eventually(() => row.getByTestId('fiscal-status').getAttribute('data-group')).not.toBe('ready');
    const historyAsked = callsOf('documents.history').length;
    const statusAsked = callsOf('status.get').length;
    // Openapi is back: the sync sends it, the emulator makes it ready; the screen follows.
    await t.emulator.goOnline();
    await eventually(() => row.getByTestId('fiscal-status').getAttribute('data-group'), 30_000).toBe('ready');
    await eventually(() => text('sb-fiscal')).toMatch(/^AdE: tutto inviato/);
    await screenshot(page, 'push-history-ready');
    // Asked again because it was told: as many times as there was news, not every second or two.
    expect(callsOf('documents.history').length).toBeGreaterThan(historyAsked);
    expect(callsOf('status.get').length).toBeGreaterThan(statusAsked);
    expect(pushed.length).toBeGreaterThan(0);
    expect(await page.evaluate('window.__intervals')).toEqual([]);
    await page.keyboard.press('F1');
    await page.getByTestId('sale-screen').waitFor();
  });

  it('paper out appears in the bar when the printer says so, and goes when it is back', async () => {
    await t.printer.setMode('paperOut');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state')).toBe('bad');
    expect(await text('sb-printer')).toContain('Carta esaurita');
    await t.printer.setMode('ok');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state')).toBe('ok');
  });

  it('when the bridge goes, the bar says the till does not answer; when it is back, the page reconnects by itself and is pushed again', async () => {
    await t.stopBridge();
    await eventually(() => page.getByTestId('sb-backend').isVisible()).toBe(true);
    await t.startBridgeAgain();
    await eventually(() => page.getByTestId('sb-printer').isVisible()).toBe(true);
    const reconnectedAt = Date.now();
    // Pushed over the new socket: no reload, no polling.
    await t.printer.setMode('paperOut');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state')).toBe('bad');
    expect(pushed.some((p) => p.at >= reconnectedAt)).toBe(true);
    await t.printer.setMode('ok');
    await eventually(() => page.getByTestId('sb-printer').getAttribute('data-state')).toBe('ok');
    expect(await page.evaluate('window.__intervals')).toEqual([]);
    // Chromium logs each refused reconnection attempt while the bridge was away; nothing else went wrong.
    expect(b.problems.filter((p) => !/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/api\/channel\?session=\w+' failed: .*ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
  });
});
