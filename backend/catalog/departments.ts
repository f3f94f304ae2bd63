// VAT departments ("reparti"): the keys at the counter for goods sold without a barcode, each with
// its VAT code. Products may point at one; a department key sells an open-price line at its VAT.
// A department is named by its code or its name, case- and accent-insensitively («alimentari» is
// ALIM «Alimentari»): typing a name must never make a second department.
import { randomUUID } from 'node:crypto';
import type { ReadableDb, WritableDb } from '../db/types.js';
import type { VatCode } from '../../shared/vat.js';
import { fail } from '../../shared/errors.js';
import { foldForSearch } from '../../shared/text.js';
import { msg } from '../../shared/messages/index.js';
import type { DepartmentWords } from '../../shared/messages/it.js';

export interface Department {
  id: string;
  code: string;
  name: string;
  vatCode: VatCode;
}

export function listDepartments(db: ReadableDb): Department[] {
  return (db.prepare('SELECT id, code, name, vat_code AS vatCode FROM departments ORDER BY code').all() as Department[]);
}

/** Finds departments by what a person typed: the code first, then the name (case and accents ignored). */
export class DepartmentIndex {
  private readonly byCode = new Map<string, Department>();
  private readonly byName = new Map<string, Department[]>();
  constructor(readonly all: Department[]) {
    for (const d of all) this.add(d);
  }
  add(d: Department): void {
    this.byCode.set(foldForSearch(d.code), d);
    const k = foldForSearch(d.name);
    this.byName.set(k, [...(this.byName.get(k) ?? []), d]);
  }
  /** The department, null if none, or 'ambiguous' when the name is shared by several (and is nobody's code). */
  find(text: string): Department | null | 'ambiguous' {
    const k = foldForSearch(text);
    if (k === '') return null;
    const code = this.byCode.get(k);
    if (code) return code;
    const named = this.byName.get(k) ?? [];
    return named.length === 1 ? named[0]! : named.length > 1 ? 'ambiguous' : null;
  }
}

/** A department as the catalogue's words name it (shared/messages). */
export function departmentWords(d: Department): DepartmentWords {
  return { code: d.code, name: d.name, vatCode: d.vatCode, sameAsName: foldForSearch(d.code) === foldForSearch(d.name) };
}

/** «IVA 10%», «IVA 7,5%», «N2» (en: «VAT 7.5%»). */
export function vatText(code: VatCode, lang: 'it' | 'en' = 'it'): string {
  return msg.catalog.vat({ code })[lang];
}

/** «Alimentari» (ALIM, IVA 10%): for messages that name a department or list those to choose from. */
export function describeDepartment(d: Department, lang: 'it' | 'en' = 'it'): string {
  return msg.catalog.department({ d: departmentWords(d) })[lang];
}

/** Resolves a department typed or chosen in the product editor; unknown or ambiguous is an error on `field`. */
export function resolveDepartment(db: ReadableDb, text: string, field = 'department'): Department {
  const all = listDepartments(db);
  const found = new DepartmentIndex(all).find(text);
  const choices = () => msg.catalog.departmentChoices({ departments: all.slice(0, 8).map(departmentWords) });
  if (found === 'ambiguous')
    fail('DEPARTMENT_AMBIGUOUS', msg.catalog.departmentAmbiguous({ name: text, choices: choices() }), field);
  if (!found)
    fail('DEPARTMENT_NOT_FOUND', msg.catalog.departmentNotFound({ name: text, choices: choices() }), field);
  return found;
}

export interface DepartmentInput {
  code: string;
  name: string;
  vatCode: VatCode;
}

export function checkDepartmentInput(input: DepartmentInput): { code: string; name: string } {
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[\w\-. ]{1,32}$/u.test(code)) fail('DEPARTMENT_CODE', msg.catalog.departmentCode, 'code');
  if (name === '' || name.length > 60) fail('DEPARTMENT_NAME', msg.catalog.departmentName, 'name');
  return { code, name };
}

/** Creates the department or updates it by code. A new code or name may not be another department's code or name. */
export function saveDepartment(db: WritableDb, input: DepartmentInput, at: Date): Department {
  const { code, name } = checkDepartmentInput(input);
  const existing = db.prepare('SELECT id FROM departments WHERE code = ?').get(code) as { id: string } | undefined;
  const index = new DepartmentIndex(listDepartments(db).filter((d) => d.id !== existing?.id));
  for (const [text, field] of [[code, 'code'], [name, 'name']] as const) {
    const clash = index.find(text);
    if (clash) {
      const other = clash === 'ambiguous' ? text : `${clash.code} «${clash.name}»`;
      fail('DEPARTMENT_DUPLICATE', msg.catalog.departmentDuplicate({ other, field }), field);
    }
  }
  if (existing) {
    db.prepare('UPDATE departments SET name = ?, vat_code = ? WHERE id = ?').run(name, input.vatCode, existing.id);
    return { id: existing.id, code, name, vatCode: input.vatCode };
  }
  const id = randomUUID();
  db.prepare('INSERT INTO departments (id, code, name, vat_code, created_at) VALUES (?,?,?,?,?)').run(id, code, name, input.vatCode, at.toISOString());
  return { id, code, name, vatCode: input.vatCode };
}

/** What uses a department: catalogue items (active or not) and lines of issued documents (by code). */
export function departmentUse(db: ReadableDb, d: Department): { products: number; lines: number } {
  const products = (db.prepare('SELECT count(*) AS n FROM products WHERE department_id = ?').get(d.id) as { n: number }).n;
  const lines = (db.prepare('SELECT count(*) AS n FROM document_lines WHERE department = ?').get(d.code) as { n: number }).n;
  return { products, lines };
}

/**
 * Deletes a department nothing uses. One that a catalogue item or a line of an issued document names
 * is refused, saying what uses it: the ledger must keep meaning what it meant. (Training slips keep
 * their own copy of the line and are not fiscal: they do not hold a department back.)
 */
export function deleteDepartment(db: WritableDb, code: string): Department {
  const d = listDepartments(db).find((x) => x.code === code.trim());
  if (!d) fail('DEPARTMENT_NOT_FOUND', msg.wizardDepartments.notFound({ code }), 'code');
  const use = departmentUse(db, d);
  if (use.products > 0 || use.lines > 0) fail('DEPARTMENT_IN_USE', msg.wizardDepartments.inUse({ name: d.name, code: d.code, ...use }), 'code');
  db.prepare('DELETE FROM departments WHERE id = ?').run(d.id);
  return d;
}
