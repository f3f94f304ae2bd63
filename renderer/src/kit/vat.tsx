// VAT codes as a shopkeeper reads them: «4 % — aliquota minima: pane, latte…», «N4 — esenti…». The
// bare codes (22 of them, «7.65», «N3») meant nothing to whoever had to choose one; every VAT choice in
// the till (product, department, set-up step 4) shows the code with its meaning.
import { useTranslation } from 'react-i18next';
import { VAT_MEANINGS } from '../../../shared/contract/department-presets.js';
import { VAT_CODES, compareVatCodes, type VatCode } from '../../../shared/vat.js';

/** The codes in the order a shop meets them (ordinary rates first, then N1–N6). */
export const VAT_ORDER: readonly VatCode[] = [...VAT_CODES].sort(compareVatCodes);

/** «10 %», «7,65 %», «N2»: the short form; the meaning goes beside it. */
export function vatShort(code: VatCode): string {
  return code.startsWith('N') ? code : `${code.replace('.', ',')} %`;
}

export function useVatMeaning(): (code: VatCode) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  return (code) => VAT_MEANINGS[code][lang];
}

/** The <option>s of a VAT select: the code and what it means. */
export function VatOptions() {
  const { t } = useTranslation();
  const meaning = useVatMeaning();
  return <>{VAT_ORDER.map((c) => <option key={c} value={c}>{t('vat.option', { code: vatShort(c), meaning: meaning(c) })}</option>)}</>;
}
