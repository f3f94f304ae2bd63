import type { CliContext } from '../command.js';
import type { CommitResult } from '../../../shared/schemas/documents.js';
import { formatEuro } from '../../../shared/money.js';
import { vatLabel, type VatCode } from '../../../shared/vat.js';
import { printJson } from '../output.js';
import { receiptJson, reportReceipt, type ReceiptOutcome } from './receipt-print.js';

/** «Vendita … registrata», «Reso … registrato», «Annullo … registrato». */
const KIND_IT = { sale: 'Vendita', return: 'Reso', void: 'Annullo' } as const;
const RECORDED_IT = { sale: 'registrata', return: 'registrato', void: 'registrato' } as const;
/** After a cash rounding: what the customer pays, or what is paid back to the customer. */
const DUE_IT = { sale: 'Da pagare', return: 'Rimborsato', void: 'Rimborsato' } as const;

/** The recorded document and what became of its receipt (see receipt-print.ts); `replayOf`: the idempotency key of a replay. */
export function printCommitResult(ctx: CliContext, r: CommitResult, json: boolean, receipt: ReceiptOutcome, replayOf?: string): void {
  if (json) {
    printJson(ctx, {
      id: r.id, kind: r.kind, number: r.number, business_day: r.businessDay,
      total_cents: r.totalCents, due_cents: r.dueCents, change_cents: r.changeCents, rounding_cents: r.roundingCents,
      vat: r.vat.map((v) => ({ vat_code: v.vatCode, gross_cents: v.grossCents, taxable_cents: v.taxableCents, vat_cents: v.vatCents })),
      // Scripts read what became of the receipt here (state, error), not from stderr.
      receipt: receiptJson(receipt),
      // The invoice that documents it instead of a receipt (issue #13): a sale's TD01 or a refund's
      // TD04; absent for a document with a receipt (the shape scripts already read is unchanged).
      ...(r.invoice ? { invoice: r.invoice } : {}),
      ...(replayOf !== undefined ? { replayed: true } : {}),
    });
    return;
  }
  if (replayOf !== undefined) {
    // Nothing was recorded now: the first run's answer, and where its receipt is (queued with it).
    ctx.stdout(`${KIND_IT[r.kind]} ${r.number} già ${RECORDED_IT[r.kind]} con la chiave «${replayOf}»: nulla di nuovo registrato (id ${r.id}; lo scontrino è nella coda di stampa: bancone print queue)\n`);
    return;
  }
  const out = [
    `${KIND_IT[r.kind]} ${r.number} ${RECORDED_IT[r.kind]} (id ${r.id})`,
    `Totale ${formatEuro(r.totalCents)}`,
    ...(r.roundingCents !== 0 ? [`Arrotondamento ${formatEuro(r.roundingCents)}  ${DUE_IT[r.kind]} ${formatEuro(r.dueCents)}`] : []),
    ...(r.changeCents > 0 ? [`Resto ${formatEuro(r.changeCents)}`] : []),
    ...(r.invoice ? [`${r.kind === 'sale' ? 'Fattura' : 'Nota di credito'} n. ${r.invoice.number} (invece dello scontrino: in coda per lo SDI, bancone invoice list)`] : []),
    ...r.vat.map((v) => `  ${vatLabel(v.vatCode as VatCode).padEnd(26)} imponibile ${formatEuro(v.taxableCents).padStart(12)}  imposta ${formatEuro(v.vatCents).padStart(10)}`),
  ];
  ctx.stdout(out.join('\n') + '\n');
  reportReceipt(ctx, receipt, r.number);
}
