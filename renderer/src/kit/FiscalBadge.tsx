// Where a document stands with the Agenzia delle Entrate, in plain words: «Da inviare», «Inviato, in
// attesa dell'AdE», «Registrato dall'AdE» with its number, «Rifiutato dall'AdE — vedi dettaglio»,
// «Verifica in corso», «Non trasmesso»… (shared/contract/documents.ts fiscalPhase).
import { useTranslation } from 'react-i18next';
import type { FiscalGroup, FiscalPhase, SaleMark } from '../../../shared/contract/documents.js';
import './fiscal-badge.css';

/** Screens that only know the filter group (e.g. returns) still say something true. */
const PHASE_OF_GROUP: Record<FiscalGroup, FiscalPhase> = { queued: 'to_send', sent: 'sent', ready: 'ready', error: 'refused', cancelled: 'cancelled', invoice: 'by_invoice' };

export function FiscalBadge({ group, phase, documentNumber, error }: { group: FiscalGroup; phase?: FiscalPhase; documentNumber: string | null; error?: string | null }) {
  const { t } = useTranslation();
  const p = phase ?? PHASE_OF_GROUP[group];
  return (
    <span className="fiscal-status" data-testid="fiscal-status" data-group={group} data-phase={p} title={error ?? undefined}>
      <span className={`badge badge-${group} badge-phase-${p}`} data-testid="fiscal-label">{t(`history.phase.${p}`)}</span>
      {p === 'ready' && documentNumber ? (
        <span className="ade-number">{t('history.adeNumberPrefix')} <span className="mono" data-testid="ade-number">{documentNumber}</span></span>
      ) : null}
    </span>
  );
}

/** «Annullato», «Reso totale», «Reso parziale»: what happened to a sale afterwards. */
export function SaleMarkChip({ mark }: { mark: SaleMark | null }) {
  const { t } = useTranslation();
  if (!mark) return null;
  return <span className={`sale-mark sale-mark-${mark}`} data-testid="sale-mark" data-mark={mark}>{t(`history.mark.${mark}`)}</span>;
}
