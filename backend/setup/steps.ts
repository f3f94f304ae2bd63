// Set-up steps 3–6 (printer, departments, catalogue, people): where each stands, and finishing one.
// They are not needed for fiscal sales (training mode ends after steps 1–2), so each is either done —
// when its own rule is met (a step's `ready` refuses with what is missing) — or skipped explicitly by
// the manager; the wizard asks for every step until one or the other. Each step's rule and data live
// in its own module (setup/printer-step.ts …): this file only composes them.
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { Clock } from '../../shared/time.js';
import type { LaterStep, SetupState } from '../../shared/contract/setup.js';
import { getSetting, setSetting } from '../settings.js';
import { appendAudit } from '../ledger/audit.js';
import { printerStepData, printerReady } from './printer-step.js';
import { departmentsStepData, departmentsReady } from './departments-step.js';
import { catalogueStepData, catalogueReady } from './catalogue-step.js';
import { peopleStepData, peopleReady } from './people-step.js';

type LaterStates = Pick<SetupState['steps'], LaterStep>;

const doneKey = (step: LaterStep) => `setup.${step}DoneAt` as const;
const skippedKey = (step: LaterStep) => `setup.${step}Skipped` as const;

function standing(db: ReadableDb, step: LaterStep) {
  const at = getSetting(db, doneKey(step));
  return { done: at !== '', doneAt: at === '' ? null : at, skipped: getSetting(db, skippedKey(step)) };
}

export function laterSteps(db: ReadableDb): LaterStates {
  return {
    printer: { ...standing(db, 'printer'), data: printerStepData(db) },
    departments: { ...standing(db, 'departments'), data: departmentsStepData(db) },
    catalogue: { ...standing(db, 'catalogue'), data: catalogueStepData(db) },
    people: { ...standing(db, 'people'), data: peopleStepData(db) },
  };
}

/** Throws a BanconeError naming what is missing when the step's rule is not met yet. */
const READY: Record<LaterStep, (db: ReadableDb) => void> = {
  printer: printerReady,
  departments: departmentsReady,
  catalogue: catalogueReady,
  people: peopleReady,
};

/** Done (its rule met) or skipped (the manager's explicit choice); either way the wizard moves on. */
export function finishStep(db: WritableDb, clock: Clock, step: LaterStep, skip: boolean, operatorId: string | null): void {
  const now = clock.now();
  db.transaction(() => {
    if (!skip) READY[step](db);
    if (skip) {
      setSetting(db, skippedKey(step), true, now);
    } else {
      setSetting(db, doneKey(step), now.toISOString(), now);
      setSetting(db, skippedKey(step), false, now);
    }
    appendAudit(db, { at: now.toISOString(), actor: operatorId, action: skip ? 'setup.skip_step' : 'setup.finish_step', entityId: null, payload: { step } });
  }).immediate();
}
