// The Fattura24 adapter against its emulator: the document it stores, the SDI outcomes, and its
// limits (30 calls a minute, 200 an hour, 500 a day, never two at once) kept by the adapter itself,
// counted at the emulator. One fake clock drives both; the adapter's minute waits move it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fattura24Provider } from '../../../backend/invoicing/providers/fattura24.js';
import type { InvoiceProvider, ProviderResult } from '../../../backend/invoicing/provider.js';
import { startFattura24, type F24Emulator } from '../../../emulators/fattura24/index.js';
import { fakeClock } from '../../../shared/time.js';
import { creditNote, outgoing } from './outgoing.js';

const T0 = '2026-12-01T10:00:00Z';
let clock: ReturnType<typeof fakeClock>;
let emu: F24Emulator;
let provider: InvoiceProvider;

function adapter(apiKey = 'chiave-di-prova'): InvoiceProvider {
  return fattura24Provider({ endpoint: emu.url, apiKey, fetch, clock, sleep: async (ms) => { clock.advance(ms); } });
}

beforeEach(async () => {
  clock = fakeClock(T0);
  emu = await startFattura24({ apiKey: 'chiave-di-prova', clock, holdMs: 2 });
  provider = adapter();
});
afterEach(async () => { await emu.close(); });

function ok<T>(r: ProviderResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.failure)}`);
  return r.value;
}

describe('Fattura24 adapter', () => {
  it('sends the invoice as a Fattura24 FE document with our number and date; outcomes read as consegnata, non consegnata, scartata', async () => {
    const invs = [1, 2, 3].map((n) => outgoing(n));
    const remotes = [];
    for (const inv of invs) remotes.push(ok(await provider.send(inv)));
    expect(emu.documents().map((d) => ({ type: d.type, number: d.docNumber, date: d.date, customer: d.customerName, total: d.totalCents, rows: d.rows })))
      .toEqual(invs.map((i) => ({ type: 'FE', number: i.number, date: i.date, customer: 'Rossi & Figli S.r.l.', total: i.totalCents, rows: 2 })));
    emu.setFeStatus(remotes[0]!.remoteId, 'DELIVERED');
    emu.setFeStatus(remotes[1]!.remoteId, 'NOT_DELIVERED');
    emu.setFeStatus(remotes[2]!.remoteId, 'REJECTED', '00311 - CodiceDestinatario non valido');
    const outcomes = [];
    for (const r of remotes) outcomes.push(ok(await provider.status(r.remoteId)));
    expect(outcomes.map((o) => [o.outcome, o.sdiErrors])).toEqual([
      ['delivered', []], ['not_delivered', []], ['rejected', [{ code: '00311', message: 'CodiceDestinatario non valido' }]],
    ]);
  });

  it('a credit note goes as an NCE document, with its own number and the line\'s quantity readable', async () => {
    const inv = outgoing(20);
    ok(await provider.send(inv));
    const nc = creditNote(1, inv);
    const remote = ok(await provider.send(nc));
    expect(emu.documents().find((d) => d.docId === remote.remoteId)).toMatchObject({ type: 'NCE', docNumber: 'NC-2026/1', date: '2026-12-02', totalCents: 250, rows: 1 });
  });

  it('a document Fattura24 refuses is refused with its reason in Italian, nothing stored; malformed XML too', async () => {
    const inv = outgoing(4);
    const noLines = { ...inv, xml: inv.xml.replace(/<DettaglioLinee>[\s\S]*<\/DettaglioLinee>/, '') };
    expect(await provider.send(noLines)).toEqual({ ok: false, failure: { kind: 'refused', code: 'PROVIDER_REFUSED', message: 'Fattura24 ha rifiutato la fattura: Rows: at least one Row', apiMessage: 'Rows: at least one Row' } });
    const raw = await fetch(`${emu.url}/SaveDocument`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ apiKey: 'chiave-di-prova', xml: '<Fattura24><Document><Rows></Document>' }) });
    expect(await raw.text()).toContain('<returnCode>-1</returnCode><description>Invalid xml');
    expect(emu.documents()).toEqual([]);
  });

  it('a wrong API key is an account failure', async () => {
    expect(await adapter('sbagliata').send(outgoing(5))).toMatchObject({ ok: false, failure: { kind: 'account', code: 'PROVIDER_AUTH_REFUSED', message: 'Fattura24: credenziali rifiutate; controllare utente, password o chiave API in Impostazioni' } });
    expect(emu.documents()).toEqual([]);
  });

  it('commit-then-drop is ambiguous; lookup finds the document by number and date, so it is never sent twice', async () => {
    ok(await provider.send(outgoing(6)));
    const inv = outgoing(7);
    emu.failNext('dropAfterCommit');
    expect(await provider.send(inv)).toMatchObject({ ok: false, failure: { kind: 'ambiguous' } });
    const stored = emu.documents().filter((d) => d.docNumber === inv.number);
    expect(stored).toHaveLength(1);
    expect(ok(await provider.lookup(inv))).toMatchObject({ remoteId: stored[0]!.docId, outcome: 'queued' });
    expect(ok(await provider.lookup(outgoing(8)))).toBeNull();
  });

  it('40 sends at once: one at a time, never more than 30 in a minute at the emulator; the 31st waits the minute out', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => provider.send(outgoing(100 + i))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(emu.stats()).toEqual({ calls: 40, refusedConcurrent: 0, refusedOverLimit: 0, maxPerMinute: 30, maxPerHour: 40, maxInFlight: 1 });
    const at = emu.calls().map((c) => c.at - Date.parse(T0));
    expect([at.filter((t) => t === 0).length, at.filter((t) => t === 60_000).length]).toEqual([30, 10]);
  });

  it('the 500-a-day quota: the hour waits are said, then the day\'s end is said in Italian with when it frees', async () => {
    const said: string[] = [];
    let n = 0;
    for (;;) {
      const r = await provider.send(outgoing(1000 + n));
      if (r.ok) { n++; continue; }
      if (r.failure.kind !== 'limited') throw new Error(JSON.stringify(r.failure));
      said.push(r.failure.message);
      if (said.length > 100 || r.failure.message.includes('giornaliere')) break;
      clock.set(r.failure.retryAt);
    }
    expect(n).toBe(500);
    // The hour is a sliding window: at 12:00 only the 30 calls of 11:00 free, so the hour is said again.
    expect(said[0]).toBe("Fattura24: esaurite le 200 chiamate dell'ultima ora; nuovo tentativo dalle 01/12/2026 12:00");
    expect(said.slice(0, -1).every((m) => m.startsWith("Fattura24: esaurite le 200 chiamate dell'ultima ora"))).toBe(true);
    expect(said.at(-1)).toBe('Fattura24: esaurite le 500 chiamate giornaliere; la coda riparte il 02/12/2026 11:00');
    const last = await provider.send(outgoing(2000));
    expect(last).toMatchObject({ ok: false, failure: { kind: 'limited', retryAt: '2026-12-02T10:00:00.000Z' } });
    expect(emu.stats()).toMatchObject({ calls: 500, refusedOverLimit: 0, refusedConcurrent: 0, maxPerMinute: 30, maxPerHour: 200 });
    // A restarted till forgets its count: the service's own refusal (429) is `limited` as well.
    expect(await adapter().send(outgoing(2001))).toMatchObject({ ok: false, failure: { kind: 'limited' } });
    expect(emu.documents()).toHaveLength(500);
  });

  it('429 from the service is limited, not before its Retry-After', async () => {
    emu.failNext('rateLimit');
    expect(await provider.send(outgoing(9))).toEqual({ ok: false, failure: { kind: 'limited', retryAt: '2026-12-01T10:02:00.000Z', message: 'Fattura24: troppe richieste; nuovo tentativo dalle 01/12/2026 11:02' } });
    expect(emu.documents()).toEqual([]);
  });

  it('a 5xx is ambiguous; downloads the PDF', async () => {
    emu.failNext('serverError');
    expect(await provider.send(outgoing(10))).toMatchObject({ ok: false, failure: { kind: 'ambiguous', message: expect.stringContaining('HTTP 503') } });
    expect(ok(await provider.lookup(outgoing(10)))).toBeNull();
    const remote = ok(await provider.send(outgoing(10)));
    expect(Buffer.from(ok(await provider.pdf!(remote.remoteId))!).toString('latin1')).toMatch(/^%PDF-1\.4\n% Fattura24 FE 2026\/0010 del 2026-12-01/);
  });
});
