// `bancone close-day` run twice the same evening (issue #9 item 10): the second run exits non-zero
// with a clear Italian message (and a JSON error with --json), writes no second Z, leaves the
// numbering alone; after midnight it closes the evening's day, not the new one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../backend/cli/main.js';
import { fakeClock } from '../../../shared/time.js';
import { openDatabase } from '../../../backend/db/open.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';

let dir: string;
let env: Record<string, string>;
let clock: ReturnType<typeof fakeClock>;

async function cli(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => stdin }, env, clock);
  return { code, out, err };
}
const saleJson = (cents: number) =>
  JSON.stringify({ lines: [{ description: 'Vino', unit_price_cents: cents, vat_code: '22', quantity: 1 }], payments: [{ method: 'cash', amount_cents: cents }] });

function ledger<T>(f: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(join(dir, 'bancone.db'));
  try {
    return f(db);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bancone-close-twice-'));
  fiscalShopFile(join(dir, 'bancone.db'));
  env = { BANCONE_DATA_DIR: dir };
  writeFileSync(join(dir, 'count.json'), JSON.stringify({ denominations: { '1000': 1, '200': 1, '50': 1 } }));
  clock = fakeClock('2026-12-01T09:00:00Z'); // 10:00 in Rome, Tuesday 1 December
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bancone close-day twice', () => {
  it('the same evening: the second run is refused (exit 1, Italian message, JSON error), no Z N. 2', async () => {
    expect((await cli(['sale', '--input', '-'], saleJson(1250))).code).toBe(0);
    clock.set('2026-12-01T18:30:00Z'); // 19:30
    const first = await cli(['close-day', '--counted-json', join(dir, 'count.json'), '--note', 'senza rete']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Giornata 01/12/2026 chiusa: Z N. 1');
    expect(first.out).toContain("ATTENZIONE: 1 documento non accettato dall'AdE; nota: senza rete");
    expect(first.err).toContain('Invio finale non configurato: accettati 0 su 1, in attesa 1, falliti 0');

    clock.set('2026-12-01T19:00:00Z'); // 20:00
    const again = await cli(['close-day', '--counted-json', join(dir, 'count.json'), '--note', 'di nuovo']);
    expect(again.code).toBe(1);
    expect(again.out).toBe('');
    expect(again.err).toBe('Errore [DAY_ALREADY_CLOSED]: Giornata del 01/12/2026 già chiusa (Z N. 1 del 01/12/2026 19:30). La prossima chiusura, della giornata del 02/12/2026, si potrà fare da domani.\n');
    // Without a count either: the refusal comes first, not «manca il conteggio».
    const bare = await cli(['close-day', '--json']);
    expect(bare.code).toBe(1);
    expect(JSON.parse(bare.out)).toMatchObject({ error: { code: 'DAY_ALREADY_CLOSED', field: 'business_day' } });

    ledger((db) => {
      expect(db.prepare('SELECT z_number FROM day_closures').pluck().all()).toEqual([1]);
      expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'day.close'`).pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM cash_counts').pluck().get()).toBe(1);
      expect(db.prepare('SELECT business_day, last_seq FROM day_counters').all()).toEqual([{ business_day: '2026-12-01', last_seq: 1 }]);
    });
    // The next sale opens the next day at number 1; its X reading works tonight.
    const next = await cli(['sale', '--input', '-', '--json'], saleJson(300));
    expect(JSON.parse(next.out)).toMatchObject({ business_day: '2026-12-02', number: '2026-12-02/0001' });
    const x = JSON.parse((await cli(['report', 'x', '--json'])).out);
    expect(x).toMatchObject({ type: 'x', from: '2026-12-02', sales: { count: 1 } });
  });

  it('after midnight: closes the evening’s day, and refuses a second run that night', async () => {
    expect((await cli(['sale', '--input', '-'], saleJson(1250))).code).toBe(0);
    clock.set('2026-12-01T23:30:00Z'); // 00:30 on the 2nd
    const first = await cli(['close-day', '--counted-json', join(dir, 'count.json'), '--note', 'tardi']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Giornata 01/12/2026 chiusa: Z N. 1');
    expect(first.out).toContain('vendite 1');
    const again = await cli(['close-day', '--counted-json', join(dir, 'count.json'), '--note', 'x']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('si potrà fare da oggi alle 06:00');
  });

  it('a count recorded with `bancone cash count` after midnight goes on the evening’s day, which close-day then uses', async () => {
    expect((await cli(['sale', '--input', '-'], saleJson(1250))).code).toBe(0);
    clock.set('2026-12-01T23:30:00Z');
    const count = await cli(['cash', 'count', '--counted-json', join(dir, 'count.json'), '--json']);
    expect(JSON.parse(count.out)).toMatchObject({ businessDay: '2026-12-01', countedCents: 1250, varianceCents: 0 });
    const close = await cli(['close-day', '--note', 'ok']);
    expect(close.code).toBe(0);
    expect(close.out).toContain('Giornata 01/12/2026 chiusa: Z N. 1');
    expect(close.out).toContain('contati € 12,50');
  });
});
