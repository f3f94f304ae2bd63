// A complete till for browser tests: the built renderer behind the HTTP bridge, the real dispatcher,
// print queue and sync engine, the Openapi emulator and the virtual printer, a demo catalog — and
// Debian's chromium driven by playwright-core. Everything listens on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../emulators/openapi/index.js';
import { startFatturaElettronicaApi, type FeaEmulator } from '../../emulators/fattura-elettronica-api/index.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../emulators/escpos-printer.js';
import { startTill, type Till } from '../../backend/programs/till.js';
import { startBridge, type Bridge } from '../../backend/bridge/server.js';
import { buildRenderer } from '../../backend/bridge/renderer-build.js';
import { seedDemo } from '../../backend/demo/seed.js';
import type { Clock } from '../../shared/time.js';
import { fiscalShop } from '../fixtures/fiscal-shop.js';
import { setSetting } from '../../backend/settings.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = process.env.BANCONE_CHROMIUM ?? '/usr/bin/chromium';
export const FISCAL_ID = '12345678901';

/** Real time, moved to a fixed weekday morning: tests never meet the 23:55–00:00 blackout. */
export function shiftedClock(startIso = '2026-11-20T09:00:00Z'): Clock {
  const offset = new Date(startIso).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

export interface E2eTill {
  url: string;
  dir: string;
  clock: Clock;
  till: Till;
  bridge: Bridge;
  emulator: Emulator;
  printer: VirtualPrinter;
  /** With `invoicing: 'fattura-elettronica-api'`: that service's emulator (user «negozio», password «segreta»). */
  fea: FeaEmulator | null;
  /** With `syncProcess`: the sync process (receipts and the invoice sender), as the app runs it. */
  syncProcess: ChildProcess | null;
  /** Stops the bridge (the page stays open), as when `bancone serve` goes away. */
  stopBridge(): Promise<void>;
  /** Starts it again on the same port with the same token. */
  startBridgeAgain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The renderer built for this run into its own folder: other processes in the same checkout may
 * rebuild out/renderer (emptying it) while a test runs. About a second with Vite 8.
 */
export async function privateRendererBuild(into: string): Promise<string> {
  const target = join(into, 'renderer');
  await buildRenderer(ROOT, target);
  return target;
}

export interface E2eTillOptions {
  clock?: Clock;
  /** 'training': an empty install, not set up (training mode, issue #12); by default a set-up, fiscal shop. */
  shop?: 'fiscal' | 'training';
  /**
   * Run the sync in its own process (backend/sync/process.ts: the receipts' engine and the invoice
   * sender, kicked over IPC after each commit), as the Electron app does, instead of the till's
   * in-process receipts engine; its delays shortened through the environment.
   */
  syncProcess?: boolean;
  /** Also start this e-invoicing service's emulator on 127.0.0.1 (the test types its address in Settings). */
  invoicing?: 'fattura-elettronica-api';
  /** false: the till sends no invoices (the test writes the invoice outbox as the sender would). */
  invoiceSender?: boolean;
}

const SYNC_TUNING = { pollFirstMs: 300, pollBackoffMaxMs: 600, sendBackoffBaseMs: 200, sendBackoffMaxMs: 1000, offlineBackoffBaseMs: 200, offlineBackoffMaxMs: 1000, requestTimeoutMs: 5000 };
/** The invoice sender's waits for tests (backend/sync/process.ts invoiceTuningFromEnv): first poll after 300 ms, then doubling. */
const INVOICE_TUNING_ENV = { BANCONE_INVOICE_POLL_FIRST_MS: '300', BANCONE_INVOICE_BACKOFF_BASE_MS: '200', BANCONE_INVOICE_LOOKUP_DELAY_MS: '200' };
const SYNC_ENTRY = fileURLToPath(new URL('../../backend/sync/process.ts', import.meta.url));

/** Starts the sync process on the till's ledger and resolves once it has drained once (it is listening). */
function startSyncProcess(dir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SYNC_ENTRY, '--db', join(dir, 'bancone.db'), '--data-dir', dir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if ((m as { type?: unknown } | null)?.type !== 'drained') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(child);
    };
    const onExit = (code: number | null) => reject(new Error(`the sync process exited (${code}) before its first drain`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function stopSyncProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.send({ type: 'stop' });
  // A process that cannot stop (a request in flight to a service gone away) is not left behind.
  const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(kill);
}

export async function startE2eTill(opts: E2eTillOptions = {}): Promise<E2eTill> {
  const dir = mkdtempSync(join(tmpdir(), 'bancone-e2e-'));
  const rendererDir = await privateRendererBuild(dir);
  const clock = opts.clock ?? shiftedClock();
  const emulator = await startEmulator({ fiscalId: FISCAL_ID, token: 'e2e-token', readyDelayMs: 400, clock });
  const fea = opts.invoicing === 'fattura-elettronica-api' ? await startFatturaElettronicaApi({ clock }) : null;
  const printer = await startVirtualPrinter();
  const env = { BANCONE_OPENAPI_URL: emulator.url, BANCONE_OPENAPI_TOKEN: 'e2e-token', BANCONE_FISCAL_ID: FISCAL_ID, BANCONE_PRINTER: printer.url };
  let syncProcess: ChildProcess | null = null;
  const till = startTill({
    dbFile: join(dir, 'bancone.db'),
    dataDir: dir,
    clock,
    env,
    syncTuning: SYNC_TUNING,
    printing: { retry: { baseMs: 200, maxMs: 500 }, pollMs: 200, statusPollMs: 250 },
    ...(opts.invoiceSender === false ? { invoiceSender: false } : {}),
    ...(opts.syncProcess ? { sync: false, onSyncWake: () => { if (syncProcess?.connected) syncProcess.send({ type: 'kick' }); } } : {}),
  });
  seedDemo(till.db, clock);
  if (opts.shop !== 'training') fiscalShop(till.db, clock.now());
  else {
    // A new install: set-up steps 1–2 not done, whatever the demo seed records about them.
    setSetting(till.db, 'setup.shopDoneAt', '', clock.now());
    setSetting(till.db, 'setup.adeDoneAt', '', clock.now());
  }
  if (opts.syncProcess) {
    syncProcess = await startSyncProcess(dir, {
      ...env,
      // The process's clock is the test's: real time, moved to the same morning.
      BANCONE_CLOCK_OFFSET_MS: String(clock.now().getTime() - Date.now()),
      BANCONE_SYNC_TUNING: JSON.stringify(SYNC_TUNING),
      ...INVOICE_TUNING_ENV,
    });
  }
  const bridge = await startBridge({ dispatcher: till.dispatcher, events: till.changes, rendererDir });
  const t: E2eTill = {
    url: bridge.url,
    dir,
    clock,
    till,
    bridge,
    emulator,
    printer,
    fea,
    syncProcess,
    async stopBridge() {
      await t.bridge.close();
    },
    async startBridgeAgain() {
      t.bridge = await startBridge({ dispatcher: till.dispatcher, events: till.changes, rendererDir, port: t.bridge.port, token: t.bridge.token });
    },
    async close() {
      await t.bridge.close();
      if (syncProcess) await stopSyncProcess(syncProcess);
      await till.close();
      await printer.close();
      await fea?.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1024, height: 768 }): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'bancone-chromium-'));
  // A fresh profile per run (playwright passes it to chromium as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    viewport,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  const page = context.pages()[0] ?? await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

const cdpSessions = new WeakMap<Page, CDPSession>();

function keyFor(ch: string): { key: string; code: string; windowsVirtualKeyCode: number; text: string } {
  if (ch === '\r') return { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  if (ch === '-') return { key: '-', code: 'Minus', windowsVirtualKeyCode: 189, text: '-' };
  if (/\d/.test(ch)) return { key: ch, code: `Digit${ch}`, windowsVirtualKeyCode: ch.charCodeAt(0), text: ch };
  // Punctuation has its own key: its character code read as a virtual key would be another key
  // ('.' is 46, Delete; '(' is 40, ArrowDown; '!' is 33, PageUp), which Chromium then also acts on.
  const punct = PUNCTUATION[ch];
  if (punct) return { key: ch, code: punct[0], windowsVirtualKeyCode: punct[1], text: ch };
  return { key: ch, code: `Key${ch.toUpperCase()}`, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0), text: ch };
}

/** A US keyboard's punctuation: the key (code, virtual key code) each character is typed with. */
const PUNCTUATION: Record<string, [string, number]> = {
  '.': ['Period', 190], ':': ['Semicolon', 186], ';': ['Semicolon', 186], '/': ['Slash', 191], '@': ['Digit2', 50],
  '!': ['Digit1', 49], '(': ['Digit9', 57], ')': ['Digit0', 48], '_': ['Minus', 189], '\'': ['Quote', 222],
};

/**
 * Types like a barcode scanner: real (trusted) key events through Chromium's input pipeline, one
 * every 8 ms by the event clock, ending with Enter. The events carry the scanner's timing as their
 * timestamps, as a keyboard driver stamps them, so a busy test machine cannot stretch the burst.
 */
export async function scan(page: Page, code: string): Promise<void> {
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  const t0 = Date.now() / 1000;
  const keys = [...code, '\r'];
  for (let i = 0; i < keys.length; i++) {
    const k = keyFor(keys[i]!);
    const at = t0 + i * 0.008;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...k, timestamp: at });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.windowsVirtualKeyCode, timestamp: at + 0.002 });
  }
}

const NAMED_KEYS: Record<string, { key: string; code: string; windowsVirtualKeyCode: number; text?: string }> = {
  Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  Escape: { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 },
  Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
  Backspace: { key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 },
  ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', windowsVirtualKeyCode: 38 },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', windowsVirtualKeyCode: 40 },
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`F${i + 1}`, { key: `F${i + 1}`, code: `F${i + 1}`, windowsVirtualKeyCode: 112 + i }])),
};

function keyEvent(k: string): { key: string; code: string; windowsVirtualKeyCode: number; text?: string } {
  if (NAMED_KEYS[k]) return NAMED_KEYS[k];
  if (k === ',') return { key: ',', code: 'Comma', windowsVirtualKeyCode: 188, text: ',' };
  if (k === '+') return { key: '+', code: 'NumpadAdd', windowsVirtualKeyCode: 107, text: '+' };
  if (k === ' ') return { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' };
  return keyFor(k);
}

/**
 * Types like a person: real key events, one every `gapMs` by the event clock (90 ms: a quick but
 * human cashier; 40 ms: a very fast one). `keys` is text, with named keys in braces: "4{Enter}",
 * "{F2}", "350 g{Enter}". The gaps are stamped on the events, so a loaded machine cannot make a
 * person look like a scanner (or the reverse), whatever it does to real time.
 */
export async function typeAsPerson(page: Page, keys: string, gapMs = 90): Promise<void> {
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  const tokens = keys.match(/\{[^}]+\}|./gu) ?? [];
  let at = Date.now() / 1000;
  for (const tok of tokens) {
    const k = keyEvent(tok.startsWith('{') ? tok.slice(1, -1) : tok);
    at += gapMs / 1000;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...k, timestamp: at });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.windowsVirtualKeyCode, timestamp: at + 0.03 });
  }
  // A person takes that long: the next events (a scan) must not be stamped before these.
  const ahead = at * 1000 + 40 - Date.now();
  if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
}

/** Whether the element is entirely inside the window (not cut off at 800×600) and not clipped by its own box. */
export async function fullyVisible(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
    return inside && el.scrollWidth <= el.clientWidth + 1;
  });
}

/** The demo till's people and their PINs (backend/demo/seed.ts). */
const DEMO_PINS = { Marco: '9999', Giulia: '1111' } as const;

/** Logs in on the login screen as a cashier would: their name, their PIN, Enter; waits for `lands` (the sale screen). */
export async function logIn(page: Page, name: keyof typeof DEMO_PINS, lands = 'sale-screen'): Promise<void> {
  await page.getByTestId(`operator-${name}`).click();
  await page.getByTestId('pin-input').fill(DEMO_PINS[name]);
  await page.keyboard.press('Enter');
  await page.getByTestId(lands).waitFor();
}
