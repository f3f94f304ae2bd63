// The ledger: the only code that writes fiscal documents.
export { commitSale, type CommitOptions } from './sales.js';
export { recordReturn, recordVoid, returnedQuantities, voidBlocker, VOID_WINDOW_MS } from './returns.js';
export { getDocument, findDocument, resolveDocumentId, documentDigest, fiscalStatus, fiscalFields } from './read.js';
export { appendAudit, verifyAudit, canonicalJson, type AuditEntry, type AuditVerification } from './audit.js';
export { businessDayFor, dayBeginsAt, dayHasBegun, dayToClose, DAY_BEGINS_AT_HOUR, takeNumber } from './numbering.js';
