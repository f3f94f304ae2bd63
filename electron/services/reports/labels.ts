// Italian labels of the paper outputs (thermal print, PDF, CSV). The screen has its own i18n keys.
import type { PaymentMethod } from '../../../shared/sale.js';
import type { DocumentKind } from '../../../shared/document.js';
import type { DayReport } from '../../../shared/contract/reports.js';

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

export function reportTitle(r: Pick<DayReport, 'type'>): string {
  return r.type === 'z' ? 'CHIUSURA GIORNALIERA (Z)' : r.type === 'x' ? 'LETTURA GIORNALIERA (X)' : 'RIEPILOGO DEL PERIODO';
}
