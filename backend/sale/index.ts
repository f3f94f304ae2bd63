// The sale, on the backend: ringing it up (commit.ts), the manager policies it is judged on
// (policy.ts), and carts put aside (parked.ts). The contract's handlers (../api/sale.ts) only check
// who is calling and call these.
//
// A sale's walk, from the payment screen to paper and the AdE:
//   renderer/src/features/counter/payment-store.ts   «Paga»: cartToSaleRequest (shared/contract/cart.ts)
//   shared/contract/sale.ts                           'sale.authorize' / 'sale.commit', SaleRequestSchema
//                                                     (shared/schemas/documents.ts)
//   backend/api/dispatcher.ts                         parses the input, checks the session, runs writes one at a time
//   backend/api/sale.ts                               the operator, the manager policies (./policy.ts), offline refusal
//   backend/sale/commit.ts        commitSale          lines priced from the catalogue, totals (shared/sale.ts computeSale)
//   backend/ledger/write.ts       writeDocument       ONE transaction: number (ledger/numbering.ts), header, lines,
//                                                     payments, VAT rows (migration 0005's triggers add them to the
//                                                     day's report totals), then
//   backend/sync/outbox.ts        enqueueDocument     the outbox row, pending
//   backend/printing/jobs.ts      enqueueReceipt      the receipt's print job, queued
//   backend/ledger/audit.ts       appendAudit         the hash-chained journal entry with the document's digest
// After the commit the handler wakes the print queue (printing/queue.ts → render.ts → encode.ts →
// transports/) and the sync (sync/engine.ts → steps.ts → openapi-client.ts), each of which takes it
// from its table. The status bar sees it through backend/status.ts.
export { commitSale, isPriceOverride, scaleLabelOf, type CommitOptions } from './commit.js';
export { salePolicy, policySale, saleReasons, cartBinding, SALE_APPROVAL_TTL_MS } from './policy.js';
export { parkCart, listParked, resumeParked, discardParked } from './parked.js';
