// Master data by version cursor never skips a row (issue #14), on a real PostgreSQL with real
// concurrent connections. Writers are held inside their transactions by a hold-until-released hook
// (no sleeps); the puller reads with itemsSince exactly as GET /till/master does.
// The last test shows the design is what makes this true: versions from a bare sequence, committed
// out of order, make a poller pass a row for good.
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteItem, itemsSince, putItem } from '../../../server/master/store.js';
import { fakeClock } from '../../../shared/time.js';
import type { MasterItem } from '../../../shared/server-api.js';
import { startMasterPg, type MasterPg } from '../../fixtures/master-pg.js';

let pgs: MasterPg;
const clock = fakeClock('2026-12-01T09:00:00Z');

beforeAll(async () => { pgs = await startMasterPg(); }, 120_000);
afterAll(async () => { await pgs?.stop(); });

async function newShop(pool: pg.Pool, name: string): Promise<string> {
  return String((await pool.query<{ id: string }>('INSERT INTO shops (name, created_at) VALUES ($1, now()) RETURNING id', [name])).rows[0]!.id);
}

/** A gate: `wait()` resolves when `open()` is called. */
function gate(): { wait: () => Promise<void>; open: () => void; reached: Promise<number>; reach: (v: number) => void } {
  let open!: () => void;
  let reach!: (v: number) => void;
  const opened = new Promise<void>((r) => { open = r; });
  const reached = new Promise<number>((r) => { reach = r; });
  return { wait: () => opened, open, reached, reach };
}

const dept = (code: string, name: string) => ({ code, name, vatCode: '22' });

/** A till's view: every page applied, the cursor moved (what pull.ts does, without SQLite). */
async function poll(pool: pg.Pool, shopId: string, state: { cursor: number; items: Map<string, MasterItem> }, limit = 2): Promise<MasterItem[]> {
  const got: MasterItem[] = [];
  for (;;) {
    const page = await itemsSince(pool, shopId, state.cursor, limit);
    for (const it of page.items) { state.items.set(`${it.kind}/${it.id}`, it); got.push(it); }
    state.cursor = page.version;
    if (!page.more) return got;
  }
}

async function serverItems(pool: pg.Pool, shopId: string): Promise<Map<string, MasterItem>> {
  const all = await itemsSince(pool, shopId, 0, 100_000);
  return new Map(all.items.map((it) => [`${it.kind}/${it.id}`, it]));
}

describe('master data: the cursor never passes a version still to commit', () => {
  it('writer A holds its version, writer B waits on the shop row (pg_locks), a puller sees neither; after both commit it gets both, in order', async () => {
    const pool = await pgs.database(6);
    const shopId = await newShop(pool, 'Forno Rossi');
    const first = await putItem(pool, clock, shopId, 'department', 'd-pane', dept('PANE', 'Pane'));
    expect(first.version).toBe(1);

    const a = gate();
    const writerA = putItem(pool, clock, shopId, 'department', 'd-dolci', dept('DOLCI', 'Dolci'), {
      afterVersion: async (v) => { a.reach(v); await a.wait(); },
    });
    expect(await a.reached).toBe(2); // A has taken version 2 and holds its transaction open

    let bDone = false;
    const writerB = putItem(pool, clock, shopId, 'department', 'd-pane', dept('PANE', 'Pane e focacce')).then((it) => { bDone = true; return it; });
    // B waits for A's row lock on the shop's counter: a lock not granted, held by B's UPDATE shops.
    await expect.poll(async () => (await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
        WHERE NOT l.granted AND s.query LIKE 'UPDATE shops SET master_version%'`)).rows[0]!.n, { timeout: 20_000 }).toBe('1');
    expect(bDone).toBe(false);

    const till = { cursor: 0, items: new Map<string, MasterItem>() };
    const before = await poll(pool, shopId, till);
    expect(before.map((i) => i.version)).toEqual([1]);
    expect(till.cursor).toBe(1); // not past 2: A has not committed

    a.open();
    const [itA, itB] = await Promise.all([writerA, writerB]);
    expect([itA.version, itB.version]).toEqual([2, 3]);

    const after = await poll(pool, shopId, till);
    expect(after.map((i) => [i.id, i.version])).toEqual([['d-dolci', 2], ['d-pane', 3]]);
    expect(after[1]!.data).toEqual(dept('PANE', 'Pane e focacce'));
    expect(till.items).toEqual(await serverItems(pool, shopId));
  });

  it('model: random writers released in random order, a poller between every step — the poller ends with exactly the server\'s items', async () => {
    const pool = await pgs.database(12);
    let shopNo = 0;
    const ids = ['a', 'b', 'c', 'd'];
    const op = fc.record({ id: fc.constantFrom(...ids), del: fc.boolean(), name: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '') });
    await fc.assert(fc.asyncProperty(
      fc.array(op, { minLength: 1, maxLength: 6 }).chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops.map((_, i) => i), { minLength: ops.length, maxLength: ops.length }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: ops.length, maxLength: ops.length }))),
      async ([ops, releaseOrder, limits]) => {
        const shopId = await newShop(pool, `Negozio ${++shopNo}`);
        const till = { cursor: 0, items: new Map<string, MasterItem>() };
        const gates = ops.map(() => gate());
        const holding = ops.map(() => false);
        // Every writer starts at once; each that gets a version holds its transaction until released.
        // Refused ones (a delete of what is not there, a code taken) end at once, changing nothing.
        const writers = ops.map((o, i) => {
          const hooks = { afterVersion: async (v: number) => { holding[i] = true; gates[i]!.reach(v); await gates[i]!.wait(); } };
          const p = o.del
            ? deleteItem(pool, clock, shopId, 'department', o.id, hooks)
            : putItem(pool, clock, shopId, 'department', o.id, dept(`R-${o.id}`, o.name), hooks);
          return p.then(() => 'ok' as const, () => 'refused' as const);
        });
        for (const [step, i] of releaseOrder.entries()) {
          gates[i]!.open();
          // A writer holding its version commits now (wait for it); one still queued on the shop's row
          // commits when its turn comes, and the poll below runs with it still pending.
          if (holding[i]) await writers[i];
          await poll(pool, shopId, till, limits[step]!);
        }
        await Promise.all(writers);
        await poll(pool, shopId, till, 2);
        expect(till.items).toEqual(await serverItems(pool, shopId));
      },
    ), { numRuns: 25 });
  }, 120_000);

  it('the design matters: versions from a bare sequence, committed out of order, make a poller pass a row for good', async () => {
    const pool = await pgs.database(4);
    await pool.query('CREATE SEQUENCE bare_version; CREATE TABLE bare_items (id text PRIMARY KEY, version bigint NOT NULL)');
    const a = await pgs.client(pool);
    const b = await pgs.client(pool);
    try {
      await a.query('BEGIN');
      const va = Number((await a.query<{ v: string }>(`SELECT nextval('bare_version') AS v`)).rows[0]!.v);
      await b.query('BEGIN'); // B does not wait: nextval takes no lock that lasts
      const vb = Number((await b.query<{ v: string }>(`SELECT nextval('bare_version') AS v`)).rows[0]!.v);
      expect([va, vb]).toEqual([1, 2]);
      await b.query('INSERT INTO bare_items VALUES ($1, $2)', ['b', vb]);
      await b.query('COMMIT');

      let cursor = 0;
      const seen: string[] = [];
      const pollBare = async () => {
        const rows = (await pool.query<{ id: string; version: string }>('SELECT id, version FROM bare_items WHERE version > $1 ORDER BY version', [cursor])).rows;
        for (const r of rows) { seen.push(r.id); cursor = Number(r.version); }
      };
      await pollBare();
      expect(cursor).toBe(2); // the cursor has passed version 1, still to commit

      await a.query('INSERT INTO bare_items VALUES ($1, $2)', ['a', va]);
      await a.query('COMMIT');
      await pollBare();
      const onServer = (await pool.query<{ id: string }>('SELECT id FROM bare_items ORDER BY id')).rows.map((r) => r.id);
      expect(onServer).toEqual(['a', 'b']);
      expect(seen).toEqual(['b']); // «a» is never seen by this poller: skipped
    } finally {
      a.release();
      b.release();
    }
  });
});
