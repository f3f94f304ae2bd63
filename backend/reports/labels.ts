// Italian labels of the paper outputs (thermal print, PDF, CSV). The screen has its own i18n keys.
import type { PaymentMethod } from '../../shared/sale.js';
import type { DocumentKind } from '../../shared/document.js';
import type { DayReport } from '../../shared/contract/reports.js';

export const METHOD_IT: Record<PaymentMethod, string> = {
  cash: 'Contanti',
  electronic: 'Elettronico',
  meal_voucher: 'Buoni pasto',
  uncollected: 'Non riscosso',
};

export const KIND_IT: Record<DocumentKind, string> = { sale: 'Vendita', return: 'Reso', void: 'Annullo' };

export const MOVEMENT_IT = { float: 'Fondo cassa', in: 'Entrata', out: 'Uscita' } as const;

export const FISCAL_STATE_IT: Record<string, string> = {
  pending: 'in attesa di invio',
  sending: 'in invio',
  sent: 'inviato, in attesa di esito',
  unknown: 'esito da verificare',
  ready: 'accettato',
  voided: 'annullato',
  failed: 'rifiutato/fallito',
  cancelled: 'non trasmesso (annullato in cassa)',
  missing: 'non in coda',
};

/** «1 documento», «2 documenti», «0 documenti»: the noun agrees with its number (Italian and English alike). */
export function plural(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}

/**
 * A document's state, with the transmission's own message (often the API's, in English) as a
 * labelled detail: «rifiutato/fallito (messaggio della trasmissione: …)».
 */
export function fiscalStateIt(state: string, message: string | null): string {
  const label = FISCAL_STATE_IT[state] ?? 'non ancora accettato';
  return message ? `${label} (messaggio della trasmissione: ${message})` : label;
}

export function reportTitle(r: Pick<DayReport, 'type'>): string {
  return r.type === 'z' ? 'CHIUSURA GIORNALIERA (Z)' : r.type === 'x' ? 'LETTURA GIORNALIERA (X)' : 'RIEPILOGO DEL PERIODO';
}
