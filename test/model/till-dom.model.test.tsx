// @vitest-environment happy-dom
// Model-based test of the till as rendered: the real <App/> in a DOM (happy-dom), driven only by
// keys and clicks (user-event), over the real stores, the real dispatcher and an in-memory ledger.
// The scanner types a code and Enter within a millisecond; a person types a key every 90 ms (a
// virtual typing clock moves performance.now, so no real waiting). Random sequences of scans, F2
// quantities, weights typed with their unit, prices for products without one, «+» and payment by
// cash or card typed like a cashier does, the manager's PIN, every F-key screen, Tab, the change
// screen and the next customer, hand-overs with the PIN typed at the login screen.
// After every step, what the screen shows is compared with the model and the ledger:
//   typed values replace (F2 then «4» is 4), no scan is dropped or doubled, a paid cart never comes
//   back, the change screen shows what the ledger holds.
// BANCONE_DOM_MODEL_RUNS=1000 for a longer run (default 120 in `npm test`).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { newWorld, PINS, PRODUCTS, UNKNOWN_CODE, type OperatorName, type Sku, type World } from './world.js';
import { initI18n } from '../../renderer/src/kit/i18n.js';
import { App } from '../../renderer/src/app/App.js';
import { useStatus } from '../../renderer/src/app/status-store.js';
import { getDocument } from '../../backend/ledger/index.js';
import { formatQuantity } from '../../shared/money.js';
import { formatWeight } from '../../shared/weight.js';

const RUNS = Number(process.env.BANCONE_DOM_MODEL_RUNS ?? 120);

// ---- time: scanners are fast, people are not -------------------------------------------------

// The page's clock is virtual while keys are typed, so a loaded machine can neither slow the scanner
// down (its keys stay 4 ms apart) nor speed a person up (theirs stay 90 ms apart).
const realNow = performance.now.bind(performance);
let typingOffset = 0;
let frozenAt: number | null = null;
const pageNow = () => frozenAt ?? realNow() + typingOffset;
/** Runs `type` with the page clock stopped at `at` (the key's timestamp), then lets it run on from there. */
async function at(t: number, type: () => Promise<void>): Promise<void> {
  frozenAt = t;
  try { await type(); } finally {
    frozenAt = null;
    typingOffset = Math.max(typingOffset, t - realNow());
  }
}
beforeAll(() => {
  initI18n();
  performance.now = pageNow;
});
afterAll(() => { performance.now = realNow; });

let user: UserEvent;
let screen: RenderResult;
let world: World | null = null;

/** Lets the till finish what a key started (its contract calls are in-process promises). */
async function settle(): Promise<void> {
  await act(async () => { for (let i = 0; i < 12; i++) await new Promise<void>((r) => setImmediate(r)); });
}

/**
 * A browser moves the focus to the page when the focused field leaves the DOM or is hidden (the
 * «focus fixup» rule: a screen changed); happy-dom keeps pointing at that field, whose keys then
 * go nowhere a cashier could type. Do as the browser.
 */
function focusLikeABrowser(): void {
  const el = document.activeElement as HTMLElement | null;
  if (el && (!el.isConnected || el.closest('[style*="display: none"]'))) {
    el.blur();
    if (document.activeElement === el) (document.body as HTMLElement).focus();
  }
}

/** A person at the keyboard: 90 ms between keys. `keys` in user-event syntax ({F2}, {Enter}…). */
async function person(keys: string): Promise<void> {
  for (const k of keys.match(/\{[^}]+\}|./gu) ?? []) {
    focusLikeABrowser();
    await at(pageNow() + 90, () => user.keyboard(k === '{' ? '{{' : k));
    await settle();
  }
}

/** The scanner: the code and Enter in one burst, 4 ms a key, into whatever has the focus. */
async function scanner(code: string): Promise<void> {
  const start = pageNow() + 500; // the pause before the cashier picks up the next item
  const keys = [...code, '{Enter}'];
  focusLikeABrowser();
  for (let i = 0; i < keys.length; i++) await at(start + 4 * i, () => user.keyboard(keys[i]!));
  await settle();
}

const byTestId = (id: string) => screen.queryAllByTestId(id);
const visible = (id: string) => byTestId(id).length > 0;

/** Waits (up to 10 s of real time, on a loaded machine) for what the cashier would eventually see. */
async function eventually(check: () => void, what: string): Promise<void> {
  let last: unknown = null;
  const until = realNow() + 10_000;
  while (realNow() < until) {
    try { check(); return; } catch (e) { last = e; }
    await act(() => new Promise<void>((r) => setTimeout(r, 5)));
  }
  throw new Error(`${what}: ${(last as Error)?.message ?? last}`);
}

// ---- the model -------------------------------------------------------------------------------

type Screen = 'sale' | 'payment' | 'done' | 'returns' | 'history' | 'catalog' | 'end-of-day' | 'settings' | 'login';
interface Line { sku: Sku; qty: number; merge: boolean }
interface Model {
  operator: OperatorName | null;
  screen: Screen;
  cart: Line[];
  selected: number;
  own: Partial<Record<OperatorName, Line[]>>;
  question: 'weight' | 'price' | null;
  sales: number;
}

function add(m: Model, line: Line): void {
  const last = m.cart[m.cart.length - 1];
  if (last && last.merge && line.merge && last.sku === line.sku && last.qty % 1000 === 0) last.qty += line.qty;
  else m.cart.push(line);
  m.selected = m.cart.length - 1;
}

const shownQty = (l: Line) => ('soldByWeight' in PRODUCTS[l.sku] ? formatWeight(l.qty) : formatQuantity(l.qty));

function salesInLedger(): number {
  return (world!.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'sale'`).get() as { n: number }).n;
}

async function checkScreen(m: Model): Promise<void> {
  await eventually(() => {
    expect(salesInLedger(), 'sales in the ledger').toBe(m.sales);
    const screenId = m.screen === 'done' ? 'payment-done' : m.screen === 'login' ? 'login-screen' : `${m.screen}-screen`;
    if (m.screen !== 'end-of-day' && m.screen !== 'returns' && m.screen !== 'catalog' && m.screen !== 'history' && m.screen !== 'settings') expect(visible(screenId), `on ${screenId}`).toBe(true);
    if (m.screen === 'sale') {
      const rows = byTestId('cart-line');
      expect(rows.map((r) => [r.querySelector('.cart-title')?.textContent, r.querySelector('[data-testid="cart-qty"]')?.textContent]), 'the cart on screen')
        .toEqual(m.cart.map((l) => [PRODUCTS[l.sku].description, shownQty(l)]));
    }
    if (m.screen === 'done') {
      const id = (world!.db.prepare(`SELECT id FROM documents WHERE kind = 'sale' ORDER BY rowid DESC LIMIT 1`).get() as { id: string }).id;
      const doc = getDocument(world!.db, id);
      expect(screen.getByTestId('change-amount').textContent, 'the change shown is the ledger\'s').toBe(`€ ${(doc.changeCents / 100).toFixed(2).replace('.', ',')}`);
      expect(doc.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(doc.totalCents);
    }
  }, `after the step, screen ${m.screen}`);
}

// ---- commands ----------------------------------------------------------------------------------

type Cmd = fc.AsyncCommand<Model, object>;
const selling = (m: Model) => m.operator !== null && m.question === null && m.screen !== 'login';
const onSale = (m: Model) => selling(m) && m.screen === 'sale';

/** Types the manager's PIN if the approval dialog is open. */
async function managerIfAsked(): Promise<void> {
  await settle();
  if (visible('approval-dialog')) {
    await person(`${PINS.Marco}{Enter}`);
    await settle();
  }
}

class Scan implements Cmd {
  constructor(readonly code: Sku | 'UNKNOWN') {}
  check = (m: Model) => selling(m) && m.screen !== 'payment';
  async run(m: Model) {
    await scanner(this.code === 'UNKNOWN' ? UNKNOWN_CODE : PRODUCTS[this.code].barcode);
    if (!['returns', 'history', 'catalog'].includes(m.screen)) {
      m.screen = 'sale';
      if (this.code === 'MELE') m.question = 'weight';
      else if (this.code === 'FIORI') m.question = 'price';
      else if (this.code !== 'UNKNOWN') add(m, { sku: this.code, qty: 1000, merge: true });
    }
    await checkScreen(m);
  }
  toString = () => `scan ${this.code}`;
}

class TypeWeight implements Cmd {
  /** `text` as the cashier types it; `grams` what it means. */
  constructor(readonly text: string, readonly grams: number, readonly implausible: boolean) {}
  check = (m: Model) => m.question === 'weight';
  async run(m: Model) {
    await eventually(() => expect(visible('entry-input')).toBe(true), 'weight dialog');
    await person(`${this.text}{Enter}`);
    if (this.implausible) {
      // 350 in kg is 350 kg of apples: the till asks, the cashier means grams.
      await eventually(() => expect(visible('weight-confirm')).toBe(true), 'weight check');
      await user.click(screen.getByTestId('weight-other'));
      await settle();
    }
    m.question = null;
    m.cart.push({ sku: 'MELE', qty: this.grams, merge: false });
    m.selected = m.cart.length - 1;
    await checkScreen(m);
  }
  toString = () => `weight «${this.text}»`;
}

class TypePrice implements Cmd {
  constructor(readonly text: string, readonly cents: number) {}
  check = (m: Model) => m.question === 'price';
  async run(m: Model) {
    await eventually(() => expect(visible('entry-input')).toBe(true), 'price dialog');
    await person(`${this.text}{Enter}`);
    if (this.cents > 0) {
      m.question = null;
      m.cart.push({ sku: 'FIORI', qty: 1000, merge: false });
      m.selected = m.cart.length - 1;
      await checkScreen(m);
    } else {
      // € 0 is refused in words; the question stays until a price is typed or Esc.
      await eventually(() => expect(screen.getByTestId('entry-error').getAttribute('data-code')).toBe('LINE_PRICE_ZERO'), 'zero price refused');
      await person('{Escape}');
      m.question = null;
      await checkScreen(m);
    }
  }
  toString = () => `price «${this.text}»`;
}

class F2Quantity implements Cmd {
  constructor(readonly qty: number) {}
  check = (m: Model) => onSale(m) && m.cart.length > 0 && m.cart[m.selected]!.sku !== 'MELE';
  async run(m: Model) {
    await person('{F2}');
    await eventually(() => expect(visible('entry-input')).toBe(true), 'quantity dialog');
    // The dialog opens with the current quantity: the cashier just types the new one.
    await person(`${this.qty}{Enter}`);
    m.cart[m.selected]!.qty = this.qty * 1000;
    await checkScreen(m);
  }
  toString = () => `F2 ${this.qty}`;
}

class F2Weight implements Cmd {
  constructor(readonly grams: number) {}
  check = (m: Model) => onSale(m) && m.cart.length > 0 && m.cart[m.selected]!.sku === 'MELE';
  async run(m: Model) {
    await person('{F2}');
    await eventually(() => expect(visible('entry-input')).toBe(true), 'weight dialog');
    await person(`${this.grams} g{Enter}`);
    m.cart[m.selected]!.qty = this.grams;
    await checkScreen(m);
  }
  toString = () => `F2 ${this.grams} g`;
}

class ArrowUp implements Cmd {
  check = (m: Model) => onSale(m) && m.cart.length > 1;
  async run(m: Model) {
    // Arrows move the selection when the focus is not in a field that uses them.
    await user.click(screen.getByTestId('totals'));
    await person('{ArrowUp}');
    m.selected = Math.max(0, m.selected - 1);
    await checkScreen(m);
  }
  toString = () => '↑';
}

class Tab implements Cmd {
  constructor(readonly n: number) {}
  check = (m: Model) => selling(m) && (m.screen === 'sale' || m.screen === 'done');
  async run(m: Model) {
    for (let i = 0; i < this.n; i++) await person('{Tab}');
    await checkScreen(m);
  }
  toString = () => `Tab ×${this.n}`;
}

class Pay implements Cmd {
  constructor(readonly how: { cash: string | null } | { card: string | null; approved: boolean }) {}
  check = (m: Model) => onSale(m) && m.cart.length > 0;
  async run(m: Model) {
    await user.click(screen.getByTestId('pay-button'));
    await settle();
    await eventually(() => expect(visible('payment-screen')).toBe(true), 'payment screen');
    const before = salesInLedger();
    if ('cash' in this.how) {
      screen.getByTestId('cash-input').focus();
      await person(`${this.how.cash ?? ''}{Enter}`);
    } else {
      await person('{F3}');
      await eventually(() => expect(visible('card-amount')).toBe(true), 'card amount');
      // The amount left is already there, selected: Enter charges it, or the cashier types another.
      await person(`${this.how.card ?? ''}{Enter}`);
      await eventually(() => expect(visible('card-confirm') || visible('card-error')).toBe(true), 'POS question');
      if (visible('card-confirm')) {
        if (this.how.approved) await person('{Enter}');
        else await user.click(screen.getByTestId('card-declined'));
      } else await person('{Escape}');
    }
    await managerIfAsked();
    await settle();
    if (salesInLedger() > before) {
      m.sales++;
      m.cart = [];
      m.selected = 0;
      m.screen = 'done';
    } else {
      // Not fully paid (a partial amount, a declined card): back to the sale, where the money already
      // taken stays in sight; the customer changes their mind and it is given back (✕).
      if (visible('card-dialog') || visible('card-confirm')) await person('{Escape}');
      await person('{Escape}');
      await eventually(() => expect(visible('sale-screen')).toBe(true), 'back on the sale');
      for (let i = 0; i < 5 && visible('payments-taken'); i++) {
        await user.click(screen.getByTestId('payments-taken').querySelector('button')!);
        await settle();
      }
      expect(visible('payments-taken')).toBe(false);
      m.screen = 'sale';
    }
    await checkScreen(m);
  }
  toString = () => `pay ${JSON.stringify(this.how)}`;
}

class NextCustomer implements Cmd {
  constructor(readonly key: '{Enter}' | '{F1}' | '{Escape}') {}
  check = (m: Model) => m.screen === 'done';
  async run(m: Model) {
    await person(this.key);
    m.screen = 'sale';
    await checkScreen(m);
  }
  toString = () => `next customer ${this.key}`;
}

const NAV: Record<string, Screen> = { '{F1}': 'sale', '{F5}': 'returns', '{F6}': 'history', '{F7}': 'catalog', '{F8}': 'end-of-day', '{F9}': 'settings' };
class FunctionKey implements Cmd {
  constructor(readonly key: keyof typeof NAV) {}
  check = (m: Model) => selling(m) && m.screen !== 'payment';
  async run(m: Model) {
    await person(this.key);
    m.screen = NAV[this.key]!;
    await checkScreen(m);
  }
  toString = () => this.key;
}

class HandOver implements Cmd {
  constructor(readonly to: OperatorName) {}
  check = (m: Model) => selling(m) && m.screen !== 'payment';
  async run(m: Model) {
    await person('{F10}');
    await eventually(() => expect(visible('login-screen')).toBe(true), 'login screen');
    if (m.cart.length > 0) m.own[m.operator!] = m.cart;
    await user.click(screen.getByTestId(`operator-${this.to}`));
    await settle();
    screen.getByTestId('pin-input').focus();
    await person(`${PINS[this.to]}{Enter}`);
    await eventually(() => expect(visible('sale-screen')).toBe(true), 'sale screen after login');
    m.operator = this.to;
    m.screen = 'sale';
    m.cart = m.own[this.to] ?? [];
    delete m.own[this.to];
    m.selected = Math.max(0, m.cart.length - 1);
    await checkScreen(m);
  }
  toString = () => `F10 → ${this.to}`;
}

const commands = [
  fc.constantFrom<Sku | 'UNKNOWN'>('LATTE', 'PANE', 'VINO', 'ACQUA', 'LATTE', 'MELE', 'FIORI', 'UNKNOWN').map((c) => new Scan(c)),
  fc.constantFrom(['0,350', 350, false], ['350 g', 350, false], ['350', 350, true], ['1,2', 1200, false], ['2 kg', 2000, false]).map(([t, g, i]) => new TypeWeight(t as string, g as number, i as boolean)),
  fc.constantFrom(['12', 1200], ['3,50', 350], ['0', 0]).map(([t, c]) => new TypePrice(t as string, c as number)),
  fc.integer({ min: 1, max: 12 }).map((q) => new F2Quantity(q)),
  fc.integer({ min: 1, max: 12 }).map((q) => new F2Quantity(q)),
  fc.integer({ min: 50, max: 2500 }).map((g) => new F2Weight(g)),
  fc.constant(null).map(() => new ArrowUp()),
  fc.integer({ min: 1, max: 4 }).map((n) => new Tab(n)),
  fc.constantFrom<Pay['how']>({ cash: null }, { cash: '50' }, { cash: '1' }, { card: null, approved: true }, { card: null, approved: false }, { card: '1', approved: true }).map((h) => new Pay(h)),
  fc.constantFrom<NextCustomer['key']>('{Enter}', '{F1}', '{Escape}').map((k) => new NextCustomer(k)),
  fc.constantFrom<keyof typeof NAV>('{F1}', '{F5}', '{F6}', '{F7}', '{F8}', '{F9}').map((k) => new FunctionKey(k)),
  fc.constantFrom<OperatorName>('Giulia', 'Sara').map((o) => new HandOver(o)),
];

afterEach(() => { cleanup(); world?.close(); world = null; });

describe('the till as rendered, driven by keys at scanner and human speed (model-based)', () => {
  it(`shows what the ledger holds, and typed values replace (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 18 }), async (cmds) => {
        cleanup();
        world?.close();
        world = newWorld();
        useStatus.setState({ start: () => () => {} } as never);
        user = userEvent.setup({ delay: null });
        screen = render(<App />);
        await eventually(() => expect(visible('operator-Giulia')).toBe(true), 'login screen');
        await user.click(screen.getByTestId('operator-Giulia'));
        screen.getByTestId('pin-input').focus();
        await person(`${PINS.Giulia}{Enter}`);
        await eventually(() => expect(visible('sale-screen')).toBe(true), 'sale screen');
        const model: Model = { operator: 'Giulia', screen: 'sale', cart: [], selected: 0, own: {}, question: null, sales: 0 };
        await fc.asyncModelRun(() => ({ model, real: {} }), cmds);
      }),
      // BANCONE_MODEL_SEED (and BANCONE_MODEL_PATH) replay a failure fast-check reported.
      { numRuns: RUNS, endOnFailure: true, ...(process.env.BANCONE_MODEL_SEED ? { seed: Number(process.env.BANCONE_MODEL_SEED), path: process.env.BANCONE_MODEL_PATH } : {}) },
    );
  }, 30 * 60_000);
});
