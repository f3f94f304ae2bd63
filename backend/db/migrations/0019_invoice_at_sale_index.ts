// Invoices issued at the counter instead of the receipt (issue #13, at_sale = 1), found by their
// sale without reading the whole series: the reports take these sales and their refunds out of the
// corrispettivi at every X reading (backend/reports/queries.ts AT_SALE_SQL), the ledger's reads tell a
// document documented by an invoice (ledger/read.ts documentInvoice). A partial index: only those rows.
// Never edit once landed; add a new numbered file for changes.
export const sql = /* sql */ `
CREATE INDEX invoices_at_sale ON invoices(document_id) WHERE at_sale = 1;
`;
