// A full disk (issue #10, item 9): the till says so with a clear code (DISK_FULL) and what to do, in
// Italian, instead of «Errore interno: database or disk is full» or «disk I/O error»; nothing
// recorded is lost, the refused sale is not half there, and once space is freed the till goes on.
//
// Two ways to fill the disk, for two reasons. A real one, a 4 MiB tmpfs mounted for the test (root
// only, as on CI and the dev machines): what SQLite does at 0 bytes free (it cannot even grow its
// shared-memory file, «disk I/O error») is only seen on a real file system. And SQLite's
// max_page_count, which gives the same SQLITE_FULL a full disk gives, anywhere, for the till's own
// dispatcher (the path the screens use).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../shared/time.js';
import { cli, ledgerCounts } from '../cli/helpers.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';
import { loginCashier, makeBackend } from '../../unit/contract/helpers.js';

const clock = fakeClock('2026-11-21T10:00:00Z');
const sale = (lines: number) => JSON.stringify({
  lines: Array.from({ length: lines }, (_, i) => ({ description: `Prodotto ${i} ${'x'.repeat(180)}`, unit_price_cents: 100, vat_code: '22', quantity: 1 })),
  payments: [{ method: 'cash', amount_cents: lines * 100 }],
});

/** A 4 MiB tmpfs (room for a new ledger, ~0.4 MiB, and its WAL; the test then fills it), or null where this process may not mount one (not root). */
function mountTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'bancone-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
const mnt = process.getuid?.() === 0 ? mountTmpfs() : null;
afterAll(() => {
  if (!mnt) return;
  // Fails (busy) if any ledger handle was left open, as one was when opening failed on the full disk.
  execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

/** Fills the file system with one file, then gives back `leave` bytes of it. */
function fill(dir: string, leave: number): string {
  const f = join(dir, 'filler');
  const fd = openSync(f, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  if (leave > 0) truncateSync(f, Math.max(0, statSync(f).size - leave));
  return f;
}

describe.runIf(mnt !== null)('a real full disk (4 MiB tmpfs)', () => {
  it('a sale on a full disk: DISK_FULL with advice, nothing half-written, and the till goes on once space is freed', async () => {
    const data = join(mnt!, 'data');
    mkdirSync(data);
    fiscalShopFile(join(data, 'bancone.db'));
    const first = await cli(data, ['sale', '--input', '-', '--no-print'], { clock, stdin: sale(1) });
    expect(first.code, first.stderr).toBe(0);
    const before = ledgerCounts(data);
    const filler = fill(mnt!, 40 * 1024);

    const r = await cli(data, ['sale', '--input', '-', '--no-print'], { clock, stdin: sale(60) });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^Errore \[DISK_FULL\]: Disco pieno: l'operazione non è stata registrata\. Liberare spazio sul disco dei dati \(.+\) e riprovare; quanto già registrato è al sicuro/);
    expect(r.stderr).not.toMatch(/interno|internal/i);
    const j = await cli(data, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: sale(60), env: { BANCONE_LANG: 'en' } });
    expect(JSON.parse(j.stdout).error).toMatchObject({ code: 'DISK_FULL', message_en: expect.stringMatching(/^Disk full: the operation was not recorded\. Free space/) });

    // 0 bytes free: even reading needs SQLite's shared-memory file; `audit verify` says what is wrong.
    rmSync(filler);
    expect((await cli(data, ['status'], { clock })).code).toBe(0); // closes cleanly
    fill(mnt!, 0);
    const v = await cli(data, ['audit', 'verify'], { clock });
    expect(v.code).not.toBe(0);
    expect(v.stderr).toMatch(/^Errore \[DISK_FULL\]: Disco pieno/);

    rmSync(filler);
    expect(ledgerCounts(data)).toEqual(before);
    const audit = await cli(data, ['audit', 'verify'], { clock });
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const after = await cli(data, ['sale', '--input', '-', '--no-print', '--json'], { clock, stdin: sale(60) });
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).number).toBe('2026-11-21/0002');
  });
});

describe('SQLITE_FULL through the dispatcher (the screens\' path)', () => {
  it('a sale that does not fit is refused with DISK_FULL in Italian, and nothing of it is written', async () => {
    const b = makeBackend();
    await loginCashier(b);
    const count = () => b.db.prepare('SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM outbox)').pluck().get();
    const before = count();
    // A ledger full to its last page: the pages a migration freed (0017 rebuilds a table) would
    // otherwise take the sale, and the database would not be full at all.
    b.db.exec('VACUUM');
    expect(b.db.pragma('freelist_count', { simple: true })).toBe(0);
    b.db.pragma(`max_page_count = ${b.db.pragma('page_count', { simple: true }) as number}`);
    const lines = Array.from({ length: 60 }, () => ({ barcode: '8001234567890', quantity: 1 }));
    const r = await b.dispatcher.call('sale.commit', { lines, payments: [{ method: 'cash', amount_cents: 60 * 149 }] }, { id: 's1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'DISK_FULL' });
    expect(r.error.message).toMatch(/^Disco pieno: l'operazione non è stata registrata\. Liberare spazio/);
    expect(count()).toBe(before);
  });
});
