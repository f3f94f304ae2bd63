// PIN guessing backs off exponentially per target, across sessions, and the manager is told (issue
// #10, item 10). Before: ten wrong PINs locked the target for 30 s and the count started again, so
// a fresh session per guess ran ~20 guesses a minute and a 4-digit PIN fell in about 8 hours.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loginCashier, loginManager, makeBackend, type Backend } from './helpers.js';
import { cli } from '../../integration/cli/helpers.js';
import { openDatabase } from '../../../backend/db/open.js';
import { saveOperator } from '../../../backend/operators.js';
import { createDispatcher } from '../../../backend/api/index.js';
import { fakeClock } from '../../../shared/time.js';

let fresh = 0;
/** A wrong guess at the manager's login from a session never seen before (free on the bridge). */
const guess = (b: Backend) => b.err('session.login', { operator_id: b.managerId, pin: String(1000 + (fresh % 8000)) }, `guess-${fresh++}`);

function lockAudits(b: Backend): { entity_id: string | null; payload: Record<string, unknown> }[] {
  return (b.db.prepare(`SELECT entity_id, payload FROM audit_log WHERE action = 'pin.locked' ORDER BY seq`).all() as { entity_id: string | null; payload: string }[])
    .map((r) => ({ entity_id: r.entity_id, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

describe('PIN guessing backs off per target', () => {
  it('each lock after the tenth wrong PIN doubles: 30 s, 60 s, 120 s … and a new session does not reset it', async () => {
    const b = makeBackend();
    for (let i = 0; i < 9; i++) expect((await guess(b)).code).toBe('PIN_WRONG');
    expect((await guess(b)).code).toBe('PIN_WRONG'); // the tenth: locks for 30 s
    expect((await guess(b)).message).toMatch(/riprovare tra 30 secondi/);
    const waits: number[] = [];
    for (let lock = 0; lock < 5; lock++) {
      // Wait out the lock, then guess once more from yet another session: locked again, for twice as long.
      const e = await guess(b);
      const s = Number(/riprovare tra (\d+) (secondi|minuti)/.exec(e.message)![1]) * (/minuti/.test(e.message) ? 60 : 1);
      b.clock.advance(s * 1000 + 1000);
      expect((await guess(b)).code).toBe('PIN_WRONG');
      waits.push(s);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480]);
    // Capped at one hour.
    for (let i = 0; i < 10; i++) { b.clock.advance(3_600_000 + 1000); await guess(b); }
    expect((await guess(b)).message).toMatch(/riprovare tra 60 minuti/);
    // The cashier's login is another target: untouched.
    await loginCashier(b, 'cashier-window');
  });

  it('every lock is in the audit log, naming the target; a right PIN after the lock starts the count again', async () => {
    const b = makeBackend();
    for (let i = 0; i < 10; i++) await guess(b);
    b.clock.advance(31_000);
    await guess(b);
    const audits = lockAudits(b);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ entity_id: b.managerId, payload: { target: 'login', failures: 10, lock_seconds: 30 } });
    expect(audits[1]).toMatchObject({ entity_id: b.managerId, payload: { target: 'login', failures: 11, lock_seconds: 60 } });
    b.clock.advance(61_000);
    await loginManager(b, 'the-manager');
    for (let i = 0; i < 9; i++) expect((await guess(b)).code).toBe('PIN_WRONG');
    expect(lockAudits(b)).toHaveLength(2);
  });

  it('wrong approval PINs lock and are logged too', async () => {
    const b = makeBackend();
    for (let w = 0; w < 3; w++) {
      await loginCashier(b, `w-${w}`);
      for (let i = 0; i < 4; i++) await b.err('session.approve', { pin: String(2000 + w * 10 + i), request_id: 'made-up' }, `w-${w}`);
    }
    expect(lockAudits(b)).toEqual([{ entity_id: null, payload: expect.objectContaining({ target: 'approve', failures: 10, lock_seconds: 30 }) }]);
  });
});

describe('the manager sees it', () => {
  it('`bancone status` warns of the PIN locks of the last 24 hours, naming whose PIN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-pin-'));
    try {
      const clock = fakeClock('2026-11-21T10:00:00Z');
      const db = openDatabase(join(dir, 'bancone.db'));
      const manager = saveOperator(db, clock, { name: 'Marco', role: 'manager', pin: '9999' }, null);
      const d = createDispatcher({ db, clock });
      for (let i = 0; i < 11; i++) { await d.call('session.login', { operator_id: manager.id, pin: String(1000 + i) }, { id: `g-${i}` }); if (i === 9) clock.advance(31_000); }
      db.close();
      const quiet = await cli(dir, ['status'], { clock: fakeClock('2026-11-22T11:00:00Z') });
      expect(quiet.stdout).not.toMatch(/PIN/);
      const r = await cli(dir, ['status'], { clock });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Attenzione: 2 blocchi per PIN errati nelle ultime 24 ore (ultimo alle 11:00 del 21/11/2026, PIN di Marco)');
      const j = JSON.parse((await cli(dir, ['status', '--json'], { clock })).stdout);
      expect(j.pinLocks).toEqual({ last24h: 2, lastAt: '2026-11-21T10:00:31.000Z', lastTarget: 'Marco' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
