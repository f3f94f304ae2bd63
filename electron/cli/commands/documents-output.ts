import type { CliContext } from '../command.js';
import type { CommitResult } from '../../../shared/schemas/documents.js';
import { formatEuro } from '../../../shared/money.js';
import { vatLabel, type VatCode } from '../../../shared/vat.js';
import { printJson } from '../output.js';

const KIND_IT = { sale: 'Vendita', return: 'Reso', void: 'Annullo' } as const;

export function printCommitResult(ctx: CliContext, r: CommitResult, json: boolean): void {
  if (json) {
    printJson(ctx, {
      id: r.id, kind: r.kind, number: r.number, business_day: r.businessDay,
      total_cents: r.totalCents, due_cents: r.dueCents, change_cents: r.changeCents, rounding_cents: r.roundingCents,
      vat: r.vat.map((v) => ({ vat_code: v.vatCode, gross_cents: v.grossCents, taxable_cents: v.taxableCents, vat_cents: v.vatCents })),
    });
    return;
  }
  const out = [
    `${KIND_IT[r.kind]} ${r.number} registrata (id ${r.id})`,
    `Totale ${formatEuro(r.totalCents)}`,
    ...(r.roundingCents !== 0 ? [`Arrotondamento ${formatEuro(r.roundingCents)}  Da pagare ${formatEuro(r.dueCents)}`] : []),
    ...(r.changeCents > 0 ? [`Resto ${formatEuro(r.changeCents)}`] : []),
    ...r.vat.map((v) => `  ${vatLabel(v.vatCode as VatCode).padEnd(26)} imponibile ${formatEuro(v.taxableCents).padStart(12)}  imposta ${formatEuro(v.vatCents).padStart(10)}`),
  ];
  ctx.stdout(out.join('\n') + '\n');
}
