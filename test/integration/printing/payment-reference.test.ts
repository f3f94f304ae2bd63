// Issue #13 (Sibill's use case): a receipt paid electronically prints the reconciliation identifier
// the daily export and the invoice's CodicePagamento carry, so the shop can match a card settlement
// to the paper in its hand. Read back from the virtual printer's paper, at 32 columns (58 mm).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliWorld } from './cli-world.js';
import { setSetting } from '../../../backend/settings.js';
import { decodeEscPos, paperHasLine, paperSays } from '../../../emulators/escpos-decoder.js';
import { encodeLayout } from '../../../backend/printing/index.js';
import { layoutDocument, layoutTrainingReceipt } from '../../../shared/receipt.js';
import { makeDocument } from '../../fixtures/documents.js';

const world = cliWorld('payment-reference');
const { cli, withDb, clock } = world;

const saleFile = (payments: unknown[]) => {
  const f = join(world.dir(), `sale-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ lines: [{ description: 'Guida della Città', unit_price_cents: 1250, vat_code: '22' }], payments }));
  return f;
};

describe('the payment reference on the receipt', () => {
  it('a card sale on 58 mm paper: «Rif. pagamento BNC-…» on one line of 32 columns, the export\'s identifier; a cash sale has none', async () => {
    withDb((db) => setSetting(db, 'printer.columns', 32, clock.now()));
    const card = await cli(['sale', '--input', saleFile([{ method: 'electronic', amount_cents: 1250 }])]);
    expect(card.code, card.stderr).toBe(0);
    const cash = await cli(['sale', '--input', saleFile([{ method: 'cash', amount_cents: 2000 }])]);
    expect(cash.code, cash.stderr).toBe(0);
    const [cardJob, cashJob] = await world.printer().waitForJobs(2);

    const line = cardJob!.paper.lines.find((l) => l.includes('Rif. pagamento'));
    expect(line).toBe('Rif. pagamento BNC-20261121-0001');
    expect(line!.length).toBeLessThanOrEqual(32);
    // Right under the payment it refers to.
    const says = paperSays(cardJob!.paper);
    expect(says[says.indexOf('Rif. pagamento BNC-20261121-0001') - 1]).toBe('Pagamento elettronico 12,50');

    expect(paperSays(cashJob!.paper).join('\n')).not.toContain('Rif. pagamento');
    expect(paperHasLine(cashJob!.paper, 'Pagamento contante 20,00')).toBe(true);

    const exp = await cli(['reconciliation', 'export', '--date', '2026-11-21', '--json']);
    expect((JSON.parse(exp.stdout) as { identifier: string }[]).map((r) => r.identifier)).toEqual(['BNC-20261121-0001']);
  });

  it('a return refunded to the card cites its own identifier; a training slip, which settles nothing, none', () => {
    const shop = { name: 'Bottega', address: 'Via Roma 1', vatNumber: '01234567890', footer: '' };
    const ret = makeDocument({ kind: 'return', number: '2026-11-22/0003', lines: [{ description: 'Borsa', unitPriceCents: 4500 }], payments: [{ method: 'electronic', amountCents: 4500 }] });
    const paper = paperSays(decodeEscPos(encodeLayout(layoutDocument(ret, shop, { columns: 32 }))));
    expect(paper).toContain('Rif. pagamento BNC-20261122-0003');
    const training = paperSays(decodeEscPos(encodeLayout(layoutTrainingReceipt(ret, shop, { columns: 32 }))));
    expect(training.join('\n')).not.toContain('Rif. pagamento');
  });
});
