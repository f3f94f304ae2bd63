// What the settings screen shows of a saved secret: enough to recognise a token or an API key, never
// a useful part of a password or PIN.
import { describe, expect, it } from 'vitest';
import { secretHint } from '../../../backend/sync/secrets-port.js';

describe('secretHint', () => {
  it('a token or API key by its last 4 characters; passwords, PINs and a short invoicing credential (a password) not at all', () => {
    expect(secretHint('openapi.token', 'tok-negozio-7f3a9c21')).toBe('••••9c21');
    expect(secretHint('invoice.credential', 'f24-apikey-0123456789abcdef')).toBe('••••cdef');
    expect(secretHint('invoice.credential', 'segreta')).toBe('••••••');
    expect(secretHint('ade.password', 'Segreta!2026')).toBe('••••••');
    expect(secretHint('ade.pin', '1234567890')).toBe('••••••');
    expect(secretHint('ade.taxCode', 'RSSMRA85T10A562S')).toBe('RSS•••••••••S');
  });
});
