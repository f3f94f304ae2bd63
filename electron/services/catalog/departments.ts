// VAT departments ("reparti"): the keys at the counter for goods sold without a barcode, each with
// its VAT code. Products may point at one; a department key sells an open-price line at its VAT.
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { VatCode } from '../../../shared/vat.js';
import { fail } from '../../../shared/errors.js';

export interface Department {
  id: string;
  code: string;
  name: string;
  vatCode: VatCode;
}

export function listDepartments(db: ReadableDb): Department[] {
  return (db.prepare('SELECT id, code, name, vat_code AS vatCode FROM departments ORDER BY code').all() as Department[]);
}

export interface DepartmentInput {
  code: string;
  name: string;
  vatCode: VatCode;
}

/** Creates the department or updates it by code. */
export function saveDepartment(db: WritableDb, input: DepartmentInput, at: Date): Department {
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[\w\-. ]{1,32}$/u.test(code)) fail('DEPARTMENT_CODE', 'Codice reparto non valido (lettere, cifre, massimo 32)', 'Invalid department code (letters, digits, max 32)', 'code');
  if (name === '' || name.length > 60) fail('DEPARTMENT_NAME', 'Il nome del reparto è obbligatorio (massimo 60 caratteri)', 'The department name is required (max 60 characters)', 'name');
  const existing = db.prepare('SELECT id FROM departments WHERE code = ?').get(code) as { id: string } | undefined;
  if (existing) {
    db.prepare('UPDATE departments SET name = ?, vat_code = ? WHERE id = ?').run(name, input.vatCode, existing.id);
    return { id: existing.id, code, name, vatCode: input.vatCode };
  }
  const id = randomUUID();
  db.prepare('INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?)').run(id, code, name, input.vatCode, at.toISOString());
  return { id, code, name, vatCode: input.vatCode };
}
