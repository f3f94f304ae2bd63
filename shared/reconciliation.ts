// The reconciliation identifier (issue #13, Sibill's use case): one per ledger document, printed on
// the receipt, written in the invoice's CodicePagamento and in the daily export
// (backend/reports/reconciliation.ts), so a card settlement or a transfer can be matched to it.

/**
 * «BNC-20261121-0007» from the document number «2026-11-21/0007»: derived, so no migration and it
 * never changes (not even when the sale is invoiced later: a settlement already matched stays
 * matched); unique because the number is gap-free per business day; letters, digits and «-» only,
 * so it survives a POS reference field or a SEPA remittance line that would mangle «/».
 * A till joined to a shop server numbers «C2-2026-11-21/0007» (issue #14): its code stays in the
 * identifier, «BNC-C2-20261121-0007», so two tills' identifiers of one day never meet either.
 */
export function reconciliationIdentifier(documentNumber: string): string {
  return `BNC-${documentNumber.replace(/[^0-9A-Za-z]+/g, '-').replace(/^([A-Za-z][0-9A-Za-z]*-)?(\d{4})-(\d{2})-(\d{2})-/, '$1$2$3$4-')}`;
}
