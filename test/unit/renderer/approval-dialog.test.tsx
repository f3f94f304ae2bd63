// @vitest-environment happy-dom
// The approval dialog as the manager sees it (rendered in a DOM, over the real dispatcher): what is
// asked, in the manager's words, and a PIN that approves that request and nothing else.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initI18n } from '../../../renderer/src/kit/i18n.js';
import { ApprovalDialog } from '../../../renderer/src/app/ApprovalDialog.js';
import { world, loginAs } from './helpers.js';

beforeAll(() => { initI18n('it'); });
afterEach(() => cleanup());

const sale = {
  lines: [{ barcode: '8001234567890', unit_price_cents: 100 }, { sku: 'PANE', complimentary: true }],
  payments: [{ method: 'cash' as const, amount_cents: 100 }],
};

describe('approval dialog', () => {
  it('lists every reason of the sale, and the manager\'s PIN lets that sale through once', async () => {
    const w = world();
    await loginAs(w, 'cashier');
    render(<ApprovalDialog />);
    let done!: ReturnType<typeof w.api.callWithApproval<'sale.commit'>>;
    act(() => { done = w.api.callWithApproval('sale.commit', sale); });
    const dialog = await screen.findByTestId('approval-dialog');
    expect(within(dialog).getByText('Serve il PIN di un responsabile per:')).toBeTruthy();
    expect(within(dialog).getAllByTestId('approval-reason').map((li) => li.textContent)).toEqual([
      'Prezzo modificato: Latte intero 1 l € 1,49 → € 1,00',
      'Omaggio: Pane di Città (€ 3,50)',
    ]);
    expect(within(dialog).getByText('Il PIN autorizza solo questa operazione, una volta.')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('approval-pin'), '9999{Enter}');
    const r = await done;
    expect(r.ok ? r.value.totalCents : r.error.code).toBe(100);
    expect(screen.queryByTestId('approval-dialog')).toBeNull();
    expect(w.backend.db.prepare(`SELECT count(*) AS n FROM documents WHERE kind = 'sale'`).get()).toEqual({ n: 1 });
  });
});
