// Set-up step 4's departments: the suggested ones added in one go, and deleting one nothing uses.
// (Creating and editing one by hand is catalog.saveDepartment.) Both are audited.
import type { HandlerMap } from './context.js';
import { deleteDepartment, listDepartments, saveDepartment } from '../catalog/departments.js';
import { DEPARTMENT_PRESETS } from '../../shared/contract/department-presets.js';
import { getSetting } from '../settings.js';
import { appendAudit } from '../ledger/audit.js';
import { fail } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import { refuseIfServerOwned } from '../shop-link/server-owned.js';

type DepartmentMethods = 'catalog.deleteDepartment' | 'catalog.addPresetDepartments';

export const departmentHandlers: HandlerMap<DepartmentMethods> = {
  'catalog.deleteDepartment': ({ code }, ctx) => {
    refuseIfServerOwned(ctx.db, 'code');
    const at = ctx.clock.now();
    ctx.db.transaction(() => {
      const d = deleteDepartment(ctx.db, code);
      appendAudit(ctx.db, { at: at.toISOString(), actor: ctx.operator.id, action: 'catalog.delete_department', entityId: d.id, payload: { code: d.code, name: d.name, vatCode: d.vatCode } });
    }).immediate();
    return { departments: listDepartments(ctx.db) };
  },

  'catalog.addPresetDepartments': ({ codes }, ctx) => {
    refuseIfServerOwned(ctx.db, 'presets');
    if (codes.length === 0) fail('DEPARTMENT_PRESETS_NONE', msg.wizardDepartments.presetsNone, 'presets');
    const at = ctx.clock.now();
    // The names in the till's language: they are what the counter's department keys will show.
    const lang = getSetting(ctx.db, 'ui.language');
    const added: string[] = [];
    ctx.db.transaction(() => {
      const existing = new Set(listDepartments(ctx.db).map((d) => d.code));
      for (const p of DEPARTMENT_PRESETS) {
        if (!codes.includes(p.code) || existing.has(p.code)) continue;
        saveDepartment(ctx.db, { code: p.code, name: p.name[lang], vatCode: p.vatCode }, at);
        added.push(p.code);
      }
      appendAudit(ctx.db, { at: at.toISOString(), actor: ctx.operator.id, action: 'catalog.add_preset_departments', entityId: null, payload: { added } });
    }).immediate();
    return { departments: listDepartments(ctx.db), added };
  },
};
