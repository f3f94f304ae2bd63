// The Fattura Elettronica API adapter against its emulator: what the service stores, what the till
// is told, and that an ambiguous failure is resolved by lookup, never by a second send.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fatturaElettronicaApiProvider } from '../../../backend/invoicing/providers/fattura-elettronica-api.js';
import type { InvoiceProvider } from '../../../backend/invoicing/provider.js';
import { startFatturaElettronicaApi, type FeaEmulator } from '../../../emulators/fattura-elettronica-api/index.js';
import { fakeClock } from '../../../shared/time.js';
import { outgoing } from './outgoing.js';

let emu: FeaEmulator;
let provider: InvoiceProvider;
const clock = fakeClock('2026-12-01T10:00:00Z');

beforeEach(async () => {
  clock.set('2026-12-01T10:00:00Z');
  emu = await startFatturaElettronicaApi({ username: 'negozio', password: 'segreta', clock });
  provider = fatturaElettronicaApiProvider({ endpoint: emu.url, auth: { kind: 'basic', username: 'negozio', password: 'segreta' }, fetch, clock });
});
afterEach(async () => { await emu.close(); });

function ok<T>(r: { ok: true; value: T } | { ok: false; failure: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.failure)}`);
  return r.value;
}

describe('Fattura Elettronica API adapter', () => {
  it('sends the FatturaPA as XML; the SDI outcomes read as consegnata, non consegnata, scartata with its code', async () => {
    const sent = [1, 2, 3].map((n) => outgoing(n));
    const remotes = [];
    for (const inv of sent) remotes.push(ok(await provider.send(inv)));
    expect(remotes.map((r) => r.outcome)).toEqual(['queued', 'queued', 'queued']);
    const stored = emu.invoices();
    expect(stored.map((f) => [f.numero, f.data, f.xml])).toEqual(sent.map((s) => [s.number, s.date, s.xml]));
    expect(emu.requests().filter((r) => r.method === 'POST')).toHaveLength(3);

    emu.setState(stored[0]!.id, 'CONS');
    emu.setState(stored[1]!.id, 'NONC', 'Recapito non riuscito: la fattura è nel cassetto fiscale');
    emu.setState(stored[2]!.id, 'ERRO', '00305 - IdFiscaleIVA del cessionario non valido');
    const [a, b, c] = await Promise.all(remotes.map((r) => provider.status(r.remoteId)));
    expect(ok(a!)).toMatchObject({ outcome: 'delivered', sdiId: expect.stringMatching(/^\d+$/), sdiErrors: [] });
    expect(ok(b!)).toMatchObject({ outcome: 'not_delivered', sdiErrors: [] });
    expect(ok(c!)).toMatchObject({ outcome: 'rejected', sdiErrors: [{ code: '00305', message: 'IdFiscaleIVA del cessionario non valido' }], updatedAt: '2026-12-01T10:00:00Z' });
  });

  it('an XML the schema refuses is refused (400 {"error"}), nothing stored, the reason in Italian', async () => {
    const bad = outgoing(4);
    const r = await provider.send({ ...bad, xml: bad.xml.replace(/<Numero>[^<]*<\/Numero>/, '') });
    expect(r).toMatchObject({ ok: false, failure: { kind: 'refused', message: expect.stringMatching(/^Fattura Elettronica API ha rifiutato la fattura: XML non valido rispetto allo schema FatturaPA: .*Numero/) } });
    expect(emu.invoices()).toEqual([]);
  });

  it('wrong credentials are an account failure (401), for Basic and for a Bearer token alike', async () => {
    const basic = fatturaElettronicaApiProvider({ endpoint: emu.url, auth: { kind: 'basic', username: 'negozio', password: 'sbagliata' }, fetch, clock });
    const bearer = fatturaElettronicaApiProvider({ endpoint: emu.url, auth: { kind: 'bearer', token: 'scaduto' }, fetch, clock });
    for (const p of [basic, bearer]) {
      expect(await p.send(outgoing(5))).toEqual({ ok: false, failure: { kind: 'account', code: 'PROVIDER_AUTH_REFUSED', message: 'Fattura Elettronica API: credenziali rifiutate; controllare utente, password o chiave API in Impostazioni', apiMessage: expect.any(String) } });
    }
    expect(emu.invoices()).toEqual([]);
  });

  it('a Bearer token from /authentication is accepted', async () => {
    const res = await fetch(`${emu.url}/authentication`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('negozio:segreta').toString('base64')}` } });
    const { token } = await res.json() as { token: string };
    const p = fatturaElettronicaApiProvider({ endpoint: emu.url, auth: { kind: 'bearer', token }, fetch, clock });
    expect(ok(await p.send(outgoing(6))).outcome).toBe('queued');
  });

  it('commit-then-drop is ambiguous; lookup finds the stored invoice by number and date, so it is never sent twice', async () => {
    const inv = outgoing(7);
    await provider.send(outgoing(8)); // another invoice the same day, that lookup must not take for this one
    emu.failNext('dropAfterCommit');
    const r = await provider.send(inv);
    expect(r).toMatchObject({ ok: false, failure: { kind: 'ambiguous' } });
    const found = ok(await provider.lookup(inv));
    const stored = emu.invoices().find((f) => f.numero === inv.number)!;
    expect(found).toMatchObject({ remoteId: String(stored.id), outcome: 'queued' });
    expect(emu.invoices().filter((f) => f.numero === inv.number)).toHaveLength(1);
    expect(ok(await provider.lookup(outgoing(9)))).toBeNull();
  });

  it('lookup finds an invoice sent just after midnight in Rome, when the service\'s clock still says the day before', async () => {
    clock.set('2026-11-30T23:30:00Z'); // 00:30 of 1 December in Rome
    const inv = outgoing(14, '2026-12-01');
    emu.failNext('dropAfterCommit');
    expect(await provider.send(inv)).toMatchObject({ ok: false, failure: { kind: 'ambiguous' } });
    expect(ok(await provider.lookup(inv))).toMatchObject({ remoteId: String(emu.invoices()[0]!.id) });
  });

  it('a 5xx before storing is ambiguous; lookup says nothing is held, so a resend is safe', async () => {
    const inv = outgoing(10);
    emu.failNext('serverError');
    expect(await provider.send(inv)).toMatchObject({ ok: false, failure: { kind: 'ambiguous', message: expect.stringContaining('HTTP 500') } });
    expect(ok(await provider.lookup(inv))).toBeNull();
    expect(ok(await provider.send(inv)).outcome).toBe('queued');
    expect(emu.invoices()).toHaveLength(1);
  });

  it('the unread filter hands each update once; an unknown id is a refusal (404)', async () => {
    const remote = ok(await provider.send(outgoing(11)));
    const auth = { Authorization: `Basic ${Buffer.from('negozio:segreta').toString('base64')}` };
    const first = await (await fetch(`${emu.url}/fatture?unread=true`, { headers: auth })).json() as unknown[];
    const again = await (await fetch(`${emu.url}/fatture?unread=true`, { headers: auth })).json() as unknown[];
    expect([first.length, again.length]).toEqual([1, 0]);
    emu.setState(Number(remote.remoteId), 'CONS');
    expect(await (await fetch(`${emu.url}/fatture?unread=true`, { headers: auth })).json()).toMatchObject([{ id: Number(remote.remoteId), sdi_stato: 'CONS' }]);
    expect((await fetch(`${emu.url}/fatture?colore=rosso`, { headers: auth })).status).toBe(400);
    const ids = async (q: string) => ((await (await fetch(`${emu.url}/fatture?${q}`, { headers: auth })).json()) as { id: number }[]).map((x) => x.id);
    const id = Number(remote.remoteId);
    expect(await ids('date_from=2026-12-01&date_to=2026-12-01')).toEqual([id]);
    expect(await ids('date_from=2026-12-02')).toEqual([]);
    expect(await ids('date_to=2026-11-30 23:59:59')).toEqual([]);
    expect(await ids(`id_from=${id + 1}`)).toEqual([]);
    expect(await ids(`id_from=${id}&id_to=${id}`)).toEqual([id]);
    expect(await provider.status('999999')).toMatchObject({ ok: false, failure: { kind: 'refused', apiMessage: 'Fattura 999999 non trovata' } });
  });

  it('a wrong endpoint (404 on POST) stops the queue as an account problem, not this invoice\'s', async () => {
    const p = fatturaElettronicaApiProvider({ endpoint: emu.url.replace('/ws2.0/test', '/ws2.0/tset'), auth: { kind: 'basic', username: 'negozio', password: 'segreta' }, fetch, clock });
    expect(await p.send(outgoing(13))).toEqual({ ok: false, failure: { kind: 'account', code: 'PROVIDER_ENDPOINT_NOT_FOUND', message: "Fattura Elettronica API: indirizzo del servizio non trovato (404); controllare l'indirizzo in Impostazioni", apiMessage: 'Risorsa non trovata' } });
  });

  it('downloads the PDF', async () => {
    const remote = ok(await provider.send(outgoing(12)));
    const pdf = ok(await provider.pdf!(remote.remoteId))!;
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/^%PDF-1\.4\n% Fattura 2026\/0012 del 2026-12-01/);
  });
});
