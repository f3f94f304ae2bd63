// Whether the till is fiscal yet. Training mode is the state of a till with no fiscal_mode row
// (migration 0012): a new install starts there, an upgraded working shop never sees it.
//
// Leaving is one way. A shop that wants to train a new cashier later uses `bancone serve --demo`
// (its own data folder, the emulators): a till that could switch back to non-fiscal slips next to
// real customers would be a till that can sell off the books, and training sales would sit in
// the same day as fiscal ones. So training never mixes with fiscal numbering or reports.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { TrainingState, FiscalStep } from '../../shared/contract/training.js';
import { readStmt, writeStmt } from '../db/statements.js';
import { getSetting, setSetting } from '../settings.js';
import { appendAudit } from '../ledger/audit.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const done = (v: string) => ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));

/** When the till became fiscal, or null while it is in training mode. */
export function fiscalSince(db: ReadableDb): string | null {
  const r = readStmt(db, 'SELECT since FROM fiscal_mode WHERE id = 1').get() as { since: string } | undefined;
  return r?.since ?? null;
}

export function isTraining(db: ReadableDb): boolean {
  return fiscalSince(db) === null;
}

/** The set-up steps (1 the shop, 2 the AdE) not recorded as done yet. */
export function missingSetupSteps(db: ReadableDb): FiscalStep[] {
  const missing: FiscalStep[] = [];
  if (!done(getSetting(db, 'setup.shopDoneAt'))) missing.push('shop');
  if (!done(getSetting(db, 'setup.adeDoneAt'))) missing.push('ade');
  return missing;
}

export function trainingState(db: ReadableDb): TrainingState {
  const since = fiscalSince(db);
  return { training: since === null, missing: missingSetupSteps(db), fiscalSince: since };
}

/**
 * A manager leaves training mode: from now on every sale is fiscal. Refused in Italian, naming the
 * missing set-up steps, until steps 1 and 2 are done; refused too when the till is already fiscal.
 * Journaled in the audit chain (the moment the till started issuing fiscal documents).
 */
export function leaveTraining(db: WritableDb, at: Date, by: { operatorId: string | null; how: 'manager' | 'cli' }): TrainingState {
  return db.transaction((): TrainingState => {
    const since = fiscalSince(db);
    if (since !== null) fail('TRAINING_ALREADY_LEFT', msg.training.alreadyLeft({ since: since.slice(0, 10) }), 'training');
    const missing = missingSetupSteps(db);
    if (missing.length > 0)
      fail('SETUP_INCOMPLETE', msg.training.setupIncomplete({ missing }), missing[0] === 'shop' ? 'setup.shopDoneAt' : 'setup.adeDoneAt');
    const iso = at.toISOString();
    writeStmt(db, 'INSERT INTO fiscal_mode (id, since, operator_id, how) VALUES (1, ?, ?, ?)').run(iso, by.operatorId, by.how);
    appendAudit(db, { at: iso, actor: by.operatorId, action: 'training.leave', entityId: null, payload: { how: by.how } });
    return trainingState(db);
  }).immediate();
}

/** Refuses a fiscal write in training mode: the ledger's own guard, whatever the caller forgot. */
export function assertFiscal(db: ReadableDb): void {
  if (isTraining(db)) fail('TRAINING_MODE', msg.training.noFiscalDocuments, 'training');
}

/**
 * A shop created already set up and fiscal by a program, not by a person: the demo shop of
 * `bancone serve --demo` (it is for trying the real flow) and the test fixtures. Records set-up
 * steps 1–2 as done (when not yet) and the till as fiscal. Idempotent.
 */
export function declareFiscalShop(db: WritableDb, at: Date): void {
  db.transaction(() => {
    for (const key of ['setup.shopDoneAt', 'setup.adeDoneAt'] as const) {
      if (!done(getSetting(db, key))) setSetting(db, key, at.toISOString(), at);
    }
    writeStmt(db, `INSERT INTO fiscal_mode (id, since, operator_id, how) VALUES (1, ?, NULL, 'seed') ON CONFLICT (id) DO NOTHING`).run(at.toISOString());
  }).immediate();
}
