// A refusal read into what the shop must do: the kind of problem from the code or the words (as
// Openapi, the emulator, a framework or the till's own check write them), and the configuration
// check that decides whether a refusal is the document's or the account's.
import { describe, it, expect } from 'vitest';
import { classifyRefusal, explainRefusal, refusalSource, REFUSAL_KINDS } from '../../../shared/fiscal-errors.js';
import { AccountVerifier, checkAccount } from '../../../backend/sync/account.js';
import type { ApiOutcome, OpenapiClient } from '../../../backend/sync/openapi-client.js';
import type { RemoteConfiguration } from '../../../shared/openapi/schemas.js';

describe('the kind of a refusal', () => {
  it('is read from codes and words alike, in the shapes refusals come in', () => {
    const cases: [string | null, string, string][] = [
      ['LOCAL_INVALID', 'Documento non trasmissibile: items.0.unit_price: Must be positive', 'zero_price'],
      ['601', 'Invalid value for items.1.unit_price: Must be positive', 'zero_price'],
      ['422', 'The given data was invalid. — The items.0.unit_price must be greater than 0.', 'zero_price'],
      ['602', 'The sum of payments (19.98) does not match the receipt total (19.99)', 'payments'],
      ['E_VALIDATION', 'The sum of payments (1.00) does not match the receipt total (2.00)', 'payments'],
      ['603', 'lottery_code cannot be used if the total amount is lower than EUR 1.00', 'lottery'],
      ['601', 'items.0: discount exceeds the item amount', 'discount'],
      ['604', 'items.0: the quantity to return (1.00) exceeds the quantity still returnable (0.00)', 'over_return'],
      ['605', 'The receipt can only be voided within 24 hours from its submission', 'void_window'],
      ['606', 'Receipt abc has already been voided', 'already_voided'],
      ['608', 'The receipt has returned items and cannot be voided', 'has_returns'],
      ['404', 'Receipt abc not found', 'parent_missing'],
      ['00099', "Errore simulato dell'Agenzia delle Entrate: documento scartato", 'ade_rejected'],
      ['600', 'Invalid field: colour. This field is not allowed.', 'invalid_data'],
      ['HTTP_404', 'HTTP 404 (text/html)', 'other'],
    ];
    for (const [code, message, kind] of cases) expect(classifyRefusal(code, message), message).toBe(kind);
    expect(refusalSource('LOCAL_INVALID')).toBe('till');
    expect(refusalSource('00099')).toBe('ade');
    expect(refusalSource('602')).toBe('openapi');
  });

  it('every kind is explained in Italian and English, with what to do', () => {
    for (const kind of REFUSAL_KINDS) {
      for (const doc of ['sale', 'return', 'void'] as const) {
        const e = explainRefusal(kind, doc);
        expect(e.it).toMatch(/«(Riprova|Non trasmettere)»|assistenza|Impostazioni|reso/);
        expect(e.it).not.toMatch(/\b(the|must|refused)\b/);
        expect(e.en).not.toBe(e.it);
      }
    }
  });
});

function clientAnswering(answers: ApiOutcome<RemoteConfiguration>[], calls: { n: number }): OpenapiClient {
  return { getConfiguration: async () => { calls.n++; return answers.shift()!; } } as unknown as OpenapiClient;
}
const cfg = (over: Partial<RemoteConfiguration> = {}): ApiOutcome<RemoteConfiguration> => ({ kind: 'ok', data: { fiscal_id: '1', receipts: true, active: true, ...over } });

describe('the configuration check', () => {
  it('reads Openapi\'s answer as a verdict, in Italian, with what to do', async () => {
    const calls = { n: 0 };
    const v = async (a: ApiOutcome<RemoteConfiguration>) => checkAccount(clientAnswering([a], calls), '12345678901');
    expect(await v(cfg())).toEqual({ kind: 'ok' });
    expect(await v(cfg({ receipts: false }))).toMatchObject({ kind: 'config', code: 'RECEIPTS_DISABLED', message: expect.stringMatching(/^Il servizio scontrini non è attivo su Openapi per la partita IVA 12345678901: attivarlo in Impostazioni/) });
    expect(await v({ kind: 'config', httpStatus: 404, code: '111', message: 'Fiscal ID not found or not registered', openapi: true })).toMatchObject({ kind: 'config', code: 'NOT_REGISTERED', apiMessage: 'Fiscal ID not found or not registered' });
    expect(await v({ kind: 'config', httpStatus: 404, code: 'HTTP_404', message: 'HTTP 404 (text/html)', openapi: false })).toMatchObject({ kind: 'config', code: 'WRONG_ADDRESS', message: expect.stringMatching(/indirizzo dell'API Openapi/) });
    expect(await v({ kind: 'auth', httpStatus: 401, message: 'Unauthorized' })).toEqual({ kind: 'auth', message: 'Unauthorized' });
    expect(await v({ kind: 'ambiguous', message: 'HTTP 503', httpStatus: 503 })).toMatchObject({ kind: 'unverified' });
    expect(await v({ kind: 'notSent', message: 'ECONNREFUSED', network: false })).toMatchObject({ kind: 'unverified' });
  });

  it('concurrent refusals share one check; a recent «ok» is reused unless the refusal looks like an account problem', async () => {
    const calls = { n: 0 };
    let now = 0;
    const client = clientAnswering([cfg(), cfg(), cfg({ receipts: false })], calls);
    const verifier = new AccountVerifier(() => client, '1', () => new Date(now), 60_000);
    const [a, b, c] = await Promise.all([verifier.verify(false), verifier.verify(true), verifier.verify(false)]);
    expect([a, b, c]).toEqual([{ kind: 'ok' }, { kind: 'ok' }, { kind: 'ok' }]);
    expect(calls.n).toBe(1);
    now = 30_000;
    expect(await verifier.verify(false)).toEqual({ kind: 'ok' });
    expect(calls.n).toBe(1);
    expect(await verifier.verify(true)).toEqual({ kind: 'ok' }); // looks like an account problem: asked again
    expect(calls.n).toBe(2);
    now = 200_000;
    expect((await verifier.verify(false)).kind).toBe('config'); // too old to reuse: asked, and it changed
    expect(calls.n).toBe(3);
  });
});
