// The back office's admin token: made once in the data folder, readable by its owner only, the same
// at every start (the printed address keeps working), and put in the address's fragment.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE, backofficeAddress, ensureAdminToken } from '../../../server/backoffice/token.js';

const dir = mkdtempSync(join(tmpdir(), 'bancone-bo-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the admin token', () => {
  it('is made on the first start (random, 0600) and read back on the next', () => {
    const data = join(dir, 'server');
    const t1 = ensureAdminToken(data);
    expect(t1).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(data, ADMIN_TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(t1);
    expect(ensureAdminToken(data)).toBe(t1);
    expect(ensureAdminToken(join(dir, 'other'))).not.toBe(t1);
  });

  it('travels in the fragment of the address, never in its path or query', () => {
    const a = new URL(backofficeAddress('http://127.0.0.1:8470', 'abc-DEF_123'));
    expect([a.pathname, a.search, a.hash]).toEqual(['/', '', '#k=abc-DEF_123']);
  });
});
