// The ledger is readable by its user only (issue #10 item 2: it was created 0644, so any local user
// could copy the shop's sales, operators and the encrypted secrets).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../backend/db/open.js';
import type { WritableDb } from '../../../backend/db/types.js';

let data: string;
let db: WritableDb;
const mode = (p: string) => statSync(p).mode & 0o777;
beforeEach(() => { data = mkdtempSync(join(tmpdir(), 'bancone-ledger-mode-')); db = openDatabase(join(data, 'bancone.db')); });
afterEach(() => { db.close(); rmSync(data, { recursive: true, force: true }); });

describe('the ledger file', () => {
  it('is created readable by its user only, with its -wal and -shm', () => {
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('x', 'y', '2026-01-01T00:00:00Z')`).run();
    for (const f of ['bancone.db', 'bancone.db-wal', 'bancone.db-shm']) expect(mode(join(data, f))).toBe(0o600);
  });

  it('one an older version created 0644 is tightened when opened', () => {
    db.close();
    const f = join(data, 'bancone.db');
    for (const p of [f, `${f}-wal`, `${f}-shm`]) if (existsSync(p)) rmSync(p);
    writeFileSync(f, '', { mode: 0o644 });
    db = openDatabase(f);
    expect(mode(f)).toBe(0o600);
  });
});
