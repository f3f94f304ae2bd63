// Openapi's invoice states and SDI statuses → the till's outcomes, and the SDI's errors read from
// sdi_message, however Openapi spells them (upper case in the OAS, «Delivered» in its overview).
import { describe, expect, it } from 'vitest';
import { outcomeOf, parseSdiErrors } from '../../../backend/invoicing/providers/openapi.js';

describe('Openapi invoice outcomes', () => {
  it.each([
    ['NEW', 'BOOKED', 'queued'],
    ['SENT', 'SENT', 'sent'],
    // FPA12: DELIVERED is not final, the invoice stays SENT until the PA answers.
    ['SENT', 'DELIVERED', 'sent'],
    ['DONE', 'DELIVERED', 'delivered'],
    ['DONE', 'Delivered', 'delivered'],
    ['DONE', 'ACCEPTED', 'delivered'],
    ['DONE', 'TERMS_EXPIRED', 'delivered'],
    ['DONE', 'NOT_DELIVERED', 'not_delivered'],
    ['DONE', 'Not delivered', 'not_delivered'],
    ['ERROR', 'ERROR', 'rejected'],
    ['ERROR', 'REJECTED', 'rejected'],
  ] as const)('%s / %s → %s', (state, sdi, outcome) => {
    expect(outcomeOf({ state, details: { sdi_status: sdi } })).toBe(outcome);
  });

  it('reads each SDI error code with its words; a message without codes is kept whole', () => {
    expect(parseSdiErrors('00404: Fattura duplicata; 00311 - 1.1.4 <CodiceDestinatario> non valido')).toEqual([
      { code: '00404', message: 'Fattura duplicata' },
      { code: '00311', message: '1.1.4 <CodiceDestinatario> non valido' },
    ]);
    expect(parseSdiErrors('File non integro')).toEqual([{ code: '', message: 'File non integro' }]);
    expect(parseSdiErrors('')).toEqual([]);
    expect(parseSdiErrors(null)).toEqual([]);
  });
});
