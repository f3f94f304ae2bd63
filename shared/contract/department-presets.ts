// Set-up step 4: departments a shopkeeper recognises, each with the VAT Italian law gives what it
// sells (DPR 633/72, Tabella A: parte II 4 %, parte II-bis 5 %, parte III 10 %; 22 % ordinary; the
// natures N1–N6 for what carries no VAT of its own). Their names and the VAT codes' meanings are the
// catalogue's words (shared/messages, area wizardDepartments), so they follow the till's language.
import type { VatCode } from '../vat.js';
import { VAT_CODES } from '../vat.js';
import { msg, type Text } from '../messages/index.js';

export const DEPARTMENT_PRESET_CODES = [
  'PANE', 'ORTO', 'LIBRI', 'ERBE', 'ALIM', 'CARNE', 'BAR', 'FIORI', 'BEV', 'VARIE', 'CASA', 'GIORN', 'RICAR', 'USATO', 'ANTIC',
] as const;
export type DepartmentPresetCode = (typeof DEPARTMENT_PRESET_CODES)[number];

const PRESET_VAT: Record<DepartmentPresetCode, VatCode> = {
  PANE: '4', ORTO: '4', LIBRI: '4', ERBE: '5',
  ALIM: '10', CARNE: '10', BAR: '10', FIORI: '10',
  BEV: '22', VARIE: '22', CASA: '22',
  // Art. 74: the publisher (or the phone operator) pays the VAT once for the whole chain: the shop's
  // sale is outside its scope (nature N2, «non soggette»).
  GIORN: 'N2', RICAR: 'N2',
  // Second-hand goods under the margin scheme.
  USATO: 'N5',
  // Sums advanced in the customer's name (e.g. a fee paid for them): excluded under art. 15.
  ANTIC: 'N1',
};

export interface DepartmentPreset { code: DepartmentPresetCode; vatCode: VatCode; name: Text }

export const DEPARTMENT_PRESETS: readonly DepartmentPreset[] = DEPARTMENT_PRESET_CODES.map((code) => ({
  code, vatCode: PRESET_VAT[code], name: msg.wizardDepartments.presetName({ code }),
}));

/** Each VAT code with what it means, for every list that offers a choice of VAT. */
export const VAT_MEANINGS = Object.fromEntries(VAT_CODES.map((code) => [code, msg.wizardDepartments.vatMeaning({ code })])) as Record<VatCode, Text>;
