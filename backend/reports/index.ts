// End of day: cash movements and counts, X/Z/period reports, closing the day, exports.
export { recordCashMovement, listCashMovements, recordCashCount, lastCashCount, expectedCash, normaliseDenominations, DEFAULT_FLOAT_REASON } from './cash.js';
export { xReport, zReport, periodReport, computeReport, fiscalSection, fiscalBucket, isClosed, verifyTotals, diffReports } from './report.js';
export { closeDay, type CloseDayDeps } from './close.js';
export { closeRefusal } from './closable.js';
export { closureOf, lastClosure, listClosures, closureSnapshot, nextZNumber, type ClosureRow } from './closures.js';
export { reportCsv, csvAmount, CSV_COLUMNS } from './csv.js';
export { reportPdf, shopInfo } from './pdf.js';
export { reportDocuments, iterateReportDocuments, type ReportDocumentRow } from './documents.js';
export { toZReportPrintable, queueReportPrint } from './printable.js';
export { reconciliationRows, reconciliationCsv, reconciliationJson, reconciliationIdentifier, RECONCILIATION_COLUMNS, type ReconciliationRow } from './reconciliation.js';
