// The cash count handed in with the day's closure is journaled under the operator at the till, not
// under whatever operator_id the request names (the count's actor in the audit journal is evidence).
import { describe, expect, it } from 'vitest';
import { loginCashier, makeBackend } from './helpers.js';

describe('closing the day with a cash count', () => {
  it("a cashier with a manager's approval cannot sign the count as somebody else", async () => {
    const b = makeBackend();
    await loginCashier(b);
    await b.withApproval('reports.closeDay', { force: true, count: { denominations: {}, operator_id: b.managerId } });
    const rows = b.db.prepare('SELECT operator_id FROM cash_counts').all() as { operator_id: string }[];
    expect(rows).toEqual([{ operator_id: b.cashierId }]);
    const audit = b.db.prepare(`SELECT actor FROM audit_log WHERE action LIKE 'cash.count%'`).all() as { actor: string }[];
    expect(audit.map((a) => a.actor)).toEqual([b.cashierId]);
  });
});
