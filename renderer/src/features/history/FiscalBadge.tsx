// The fiscal status of a document as the cashier reads it: in coda / inviato / pronto (AdE number) / errore.
import { useTranslation } from 'react-i18next';
import type { FiscalGroup } from '../../../../shared/contract/documents.js';

export function FiscalBadge({ group, documentNumber, error }: { group: FiscalGroup; documentNumber: string | null; error?: string | null }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${group}`} data-testid="fiscal-status" data-group={group} title={error ?? undefined}>
      {t(`fiscal.${group}`)}
      {group === 'ready' && documentNumber ? <span className="badge-detail" data-testid="ade-number">{documentNumber}</span> : null}
    </span>
  );
}
