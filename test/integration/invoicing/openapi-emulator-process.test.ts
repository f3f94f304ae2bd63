// The emulator as a process of its own (emulators/openapi/serve.ts), as the process tests of the
// invoice outbox will fork it: /IT-invoices over HTTP, the stored invoices and the SDI's moves over IPC.
import { afterEach, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { buildInvoice } from '../../../shared/fatturapa/build.js';
import { makeDocument } from '../../fixtures/documents.js';
import { COMPANY, SHOP } from '../../unit/fatturapa/fixtures.js';
import { nodeFetch } from '../sync/node-fetch.js';

const SERVE = fileURLToPath(new URL('../../../emulators/openapi/serve.ts', import.meta.url));
let child: ChildProcess | null = null;
afterEach(() => { if (child && child.exitCode === null) child.kill('SIGTERM'); child = null; });

let seq = 0;
function ask<T>(c: ChildProcess, msg: Record<string, unknown>): Promise<T> {
  const id = ++seq;
  return new Promise((resolve) => {
    const on = (m: { id?: number } & Record<string, unknown>) => { if (m.id === id) { c.off('message', on); resolve(m as T); } };
    c.on('message', on);
    c.send({ ...msg, id });
  });
}

describe('emulator process: invoices over IPC', () => {
  it('lists the stored invoices and plays the SDI; a wrong move is answered with its error', async () => {
    const c = fork(SERVE, [JSON.stringify({ fiscalId: SHOP.vatNumber, customerInvoice: true, token: 't' })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child = c;
    const first = await new Promise<string>((resolve) => createInterface({ input: c.stdout! }).once('line', resolve));
    const { url } = JSON.parse(first) as { url: string };
    const document = makeDocument({ lines: [{ description: 'Quaderno', unitPriceCents: 300 }], payments: [{ method: 'cash', amountCents: 300 }] });
    const { xml } = buildInvoice({ document, shop: SHOP, customer: COMPANY, number: '2026/0001', date: '2026-12-02' });
    const res = await nodeFetch(`${url}/IT-invoices`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/xml' }, body: xml });
    expect(res.status).toBe(200);

    const listed = await ask<{ invoices: Array<{ id: string; document_number: string; state: string }> }>(c, { type: 'invoices' });
    expect(listed.invoices).toEqual([expect.objectContaining({ document_number: '2026/0001', state: 'NEW' })]);
    const invoiceId = listed.invoices[0]!.id;
    const rejected = await ask<{ invoice: { state: string; details: { sdi_message: string } } }>(c, { type: 'sdi', move: 'reject', invoiceId, errors: [{ code: '00404', message: 'Fattura duplicata' }] });
    expect(rejected.invoice).toMatchObject({ state: 'ERROR', details: { sdi_message: '00404: Fattura duplicata' } });
    expect(await ask(c, { type: 'sdi', move: 'deliver', invoiceId })).toMatchObject({ error: expect.stringMatching(/final/) });
  });
});
