// One refused document must never stop all transmission. A refusal about a document's content fails
// that document alone (history «Errore», an Italian explanation plus the API's own words) and the
// queue goes on; only an authentication or account problem stops the queue, and only once a
// configuration check (GET /IT-configurations/{fiscal_id}) has confirmed it.
import { describe, it, expect, afterEach } from 'vitest';
import { harness, type Harness } from './harness.js';
import { FISCAL_ID, TOKEN } from './fixtures.js';
import { tillView } from './till-view.js';
import { ERROR_SHAPES } from '../../../emulators/openapi/index.js';
import { commitSale } from '../../../backend/ledger/index.js';
import { getSyncStatus, syncStatusText } from '../../../backend/sync/status.js';
import { getOutboxRow } from '../../../backend/sync/outbox.js';
import type { FetchLike } from '../../../backend/sync/openapi-client.js';

let h: Harness;
afterEach(async () => { await h?.close(); });

const card = (cents: number, description = 'Maglione') => ({
  lines: [{ description, unit_price_cents: cents, vat_code: '22' as const, quantity: 1 }],
  payments: [{ method: 'electronic' as const, amount_cents: cents }],
});
const st = (id: string) => getOutboxRow(h.ledger.db, id)!;
const configChecks = () => h.emu.requests().filter((r) => r.method === 'GET' && r.path.startsWith(`/IT-configurations/${FISCAL_ID}`)).length;

/** A sale whose payments no longer add up (as a till bug would leave it): the API refuses it. */
function refusableSale(cents = 1999): string {
  const id = commitSale(h.ledger.db, h.clock, card(cents)).id;
  h.ledger.db.prepare('UPDATE payments SET applied_cents = applied_cents - 1 WHERE document_id = ?').run(id);
  return id;
}

/**
 * The engine of the harness, but with some answers replaced: `rewrite` sees each request and may
 * answer it itself (return a Response, or throw like a network failure); undefined lets it through.
 */
function rewritingEngine(rewrite: (url: string, init: RequestInit) => Response | undefined | Promise<Response | undefined>): void {
  const f: FetchLike = async (url, init) => (await rewrite(url, init)) ?? globalThis.fetch(url, init);
  h.engine.close();
  h.engine = createWith(f);
}
let createWith: (f: FetchLike) => Harness['engine'];

async function setup(opts: Parameters<typeof harness>[0] = {}): Promise<void> {
  h = await harness(opts);
  const { createSyncEngine } = await import('../../../backend/sync/engine.js');
  const { TEST_TUNING, seededRandom } = await import('./harness.js');
  createWith = (f) => createSyncEngine({ db: h.ledger.db, clock: h.clock, fetch: f, random: seededRandom(7), config: h.config, tuning: TEST_TUNING, log: (e) => h.events.push(e) });
}

const envelope = (status: number, message: string, error: number | string) =>
  new Response(JSON.stringify({ data: null, success: false, message, error }), { status, headers: { 'content-type': 'application/json' } });
const isConfigCheck = (url: string, init: RequestInit) => (init.method ?? 'GET') === 'GET' && url.includes(`/IT-configurations/${FISCAL_ID}`);
const tagged = (init: RequestInit, id: string) => typeof init.body === 'string' && init.body.includes(id);

describe('a refusal about one document fails it alone, whatever shape the refusal takes', () => {
  for (const shape of ERROR_SHAPES) {
    it(`${shape}: the refused sale is under «Errore» with an Italian explanation and the API's words; the next sale is registered`, async () => {
      await setup({ emu: { errorShape: shape } });
      const bad = refusableSale();
      const good = commitSale(h.ledger.db, h.clock, card(500, 'Sciarpa')).id;
      const s = await h.settle();
      expect(s.stopped).toBe(null);
      expect(st(bad).state).toBe('failed');
      expect(st(good).state).toBe('ready');
      expect(s.status.configError).toBe(null);
      expect(s.status.authRequired).toBe(false);
      // Before blaming the document, the engine asked Openapi whether the account is fine.
      expect(configChecks()).toBeGreaterThanOrEqual(1);
      // Sent once, never again by itself.
      expect(h.emu.requests().filter((r) => r.method === 'POST').length).toBe(2);
      h.clock.advance(3_600_000);
      await h.engine.drainOnce();
      expect(h.emu.requests().filter((r) => r.method === 'POST').length).toBe(2);

      const till = await tillView(h.ledger.db, h.clock);
      const errors = await till.ok('documents.history', { status: 'error' });
      expect(errors.rows.map((r) => r.id)).toEqual([bad]);
      expect(errors.rows[0]!.fiscalPhase).toBe('refused');
      const detail = await till.ok('documents.get', { ref: bad });
      expect(detail.canRetry).toBe(true);
      expect(detail.cancelTransmission.allowed).toBe(true);
      const problem = detail.fiscalProblem!;
      if (shape === 'html404') {
        // Nothing readable came back: say so, and what to do.
        expect(problem.explanation).toMatch(/^Openapi ha rifiutato il documento/);
        expect(problem.apiMessage).toMatch(/HTTP 404/);
      } else {
        expect(problem.kind).toBe('payments');
        expect(problem.explanation).toMatch(/^I pagamenti registrati non corrispondono al totale/);
        expect(problem.apiMessage).toMatch(/The sum of payments \(19\.98\) does not match the receipt total \(19\.99\)/);
      }
      expect(problem.explanationEn).not.toBe(problem.explanation);
    });
  }
});

describe('account problems stop the queue only once a configuration check confirms them', () => {
  it('receipts disabled on Openapi: stopped with what to do in Italian, nothing failed; enabling them resumes', async () => {
    await setup();
    const before = commitSale(h.ledger.db, h.clock, card(600)).id;
    await h.settle();
    expect(st(before).state).toBe('ready');
    // Switched off on Openapi's side during the day.
    await fetch(`${h.emu.url}/IT-configurations/${FISCAL_ID}`, { method: 'PATCH', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ receipts: false }) });
    const a = commitSale(h.ledger.db, h.clock, card(700)).id;
    const b = commitSale(h.ledger.db, h.clock, card(800)).id;
    const s = await h.engine.drainOnce();
    expect(s.stopped).toBe('config');
    expect([st(a).state, st(b).state]).toEqual(['pending', 'pending']);
    expect(s.status.failed).toBe(0);
    expect(s.status.configError?.message).toMatch(/servizio scontrini non è attivo su Openapi per la partita IVA 12345678901/);
    expect(s.status.configError?.message).toMatch(/Impostazioni/);
    expect(s.status.configError?.apiMessage).toBe('Receipts service not enabled for this fiscal_id');
    // The command line shows Openapi's words too, apart and labelled.
    expect(syncStatusText(s.status)).toMatch(/FERMO: Il servizio scontrini non è attivo/);
    expect(syncStatusText(s.status)).toMatch(/Messaggio di Openapi: «Receipts service not enabled for this fiscal_id»/);
    await fetch(`${h.emu.url}/IT-configurations/${FISCAL_ID}`, { method: 'PATCH', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ receipts: true }) });
    h.clock.advance(61_000);
    await h.settle();
    expect([st(a).state, st(b).state]).toEqual(['ready', 'ready']);
    expect(getSyncStatus(h.ledger.db, h.clock).configError).toBe(null);
    expect(h.emu.receipts()).toHaveLength(3);
  });

  it('a refusal that looks like an account problem, with the account fine, fails that document alone', async () => {
    await setup();
    const odd = commitSale(h.ledger.db, h.clock, card(900)).id;
    const next = commitSale(h.ledger.db, h.clock, card(1000)).id;
    rewritingEngine((url, init) => (init.method === 'POST' && tagged(init, odd) ? envelope(404, 'Fiscal ID not found or not registered', 424) : undefined));
    const s = await h.settle();
    expect(s.stopped).toBe(null);
    expect([st(odd).state, st(next).state]).toEqual(['failed', 'ready']);
    expect(st(odd).lastErrorMessage).toBe('Fiscal ID not found or not registered');
    expect(configChecks()).toBeGreaterThanOrEqual(1);
  });

  it('when the check cannot be made (Openapi down), nothing fails: the queue pauses and asks again later', async () => {
    await setup();
    const odd = commitSale(h.ledger.db, h.clock, card(900)).id;
    let checkDown = true;
    rewritingEngine((url, init) => {
      if (init.method === 'POST' && tagged(init, odd)) return envelope(422, 'Something is wrong', 'E_UNKNOWN');
      if (checkDown && isConfigCheck(url, init)) return new Response('<html>503</html>', { status: 503, headers: { 'content-type': 'text/html' } });
      return undefined;
    });
    const s1 = await h.engine.drainOnce();
    expect(st(odd).state).toBe('pending');
    expect(s1.status.failed).toBe(0);
    expect(s1.stopped).toBe(null);
    expect(s1.status.pausedUntil).not.toBe(null);
    const later = commitSale(h.ledger.db, h.clock, card(1100)).id;
    checkDown = false;
    h.clock.advance(120_000);
    await h.settle();
    // Now the check says the account is fine: the odd sale alone is refused, the other goes.
    expect([st(odd).state, st(later).state]).toEqual(['failed', 'ready']);
  });

  it('when the check answers 401, the queue stops for the token and the document is not blamed', async () => {
    await setup();
    const a = commitSale(h.ledger.db, h.clock, card(900)).id;
    rewritingEngine((url, init) => {
      if (init.method === 'POST') return envelope(404, 'Fiscal ID not found or not registered', 424);
      if (isConfigCheck(url, init)) return envelope(401, 'Unauthorized', 401);
      return undefined;
    });
    const s = await h.engine.drainOnce();
    expect(s.stopped).toBe('auth');
    expect(st(a).state).toBe('pending');
    expect(s.status.failed).toBe(0);
  });

  it('a proxy answering HTML 404 to everything (a wrong address): stopped, saying to check the address', async () => {
    await setup();
    const a = commitSale(h.ledger.db, h.clock, card(900)).id;
    rewritingEngine(() => new Response('<html><body><h1>404 Not Found</h1></body></html>', { status: 404, headers: { 'content-type': 'text/html' } }));
    const s = await h.engine.drainOnce();
    expect(s.stopped).toBe('config');
    expect(st(a).state).toBe('pending');
    expect(s.status.configError?.message).toMatch(/indirizzo dell'API Openapi/);
    expect(s.status.configError?.message).toMatch(/Impostazioni/);
    // The shop corrects the address in the settings: the queue goes on at once, without waiting for a probe.
    h.engine.close();
    h.engine = h.newEngine({ baseUrl: `${h.emu.url}/` });
    await h.settle();
    expect(st(a).state).toBe('ready');
    expect(getSyncStatus(h.ledger.db, h.clock).configError).toBe(null);
  });

  it('a fiscal id not registered on Openapi: stopped in Italian, the API message kept apart; resumes once registered', async () => {
    await setup();
    h.engine.close();
    h.engine = h.newEngine({ fiscalId: '99999999999' });
    const id = commitSale(h.ledger.db, h.clock, card(500)).id;
    const s = await h.engine.drainOnce();
    expect(s.stopped).toBe('config');
    expect(s.status.configError?.message).toMatch(/partita IVA 99999999999 non è registrata su Openapi/);
    expect(s.status.configError?.apiMessage).toBe('Fiscal ID not found or not registered');
    expect(st(id).state).toBe('pending');
  });
});
