// The ledger: the only code that writes fiscal documents (write.ts). A sale is rung up in ../sale/
// (commitSale, re-exported here with the other documents' writers); returns and voids are here.
export { commitSale, type CommitOptions } from '../sale/commit.js';
export { recordReturn, recordVoid, returnedQuantities, refundAfterReturn, voidBlocker, VOID_WINDOW_MS } from './returns.js';
export { getDocument, findDocument, childDocuments, dayTakings, DAY_TAKINGS_SQL, resolveDocumentId, documentDigest, fiscalStatus, fiscalFields } from './read.js';
export { appendAudit, verifyAudit, canonicalJson, type AuditEntry, type AuditVerification } from './audit.js';
export { businessDayFor, dayBeginsAt, dayHasBegun, dayToClose, DAY_BEGINS_AT_HOUR, takeNumber } from './numbering.js';
