// The set-up's offer to send invoices through Openapi (issue #13): /IT-invoices needs `customer_invoice`
// enabled in the shop's IT-configuration, on the same account and token as the receipts. One PATCH;
// Openapi's refusals get the set-up's advice like the other configuration calls.
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';
import type { RemoteConfiguration } from '../../shared/openapi/schemas.js';
import { appendAudit } from '../ledger/audit.js';
import { getSetting, setSetting } from '../settings.js';
import { enableCustomerInvoice } from '../invoicing/providers/openapi.js';
import { clientFor, effectiveUrl, requireShop, tokenOf, type AdeDeps } from './ade.js';
import { setupApiError } from './errors.js';

export interface InvoicesEnabled { configuration: RemoteConfiguration; message: string; message_en: string }

export async function enableInvoices(deps: AdeDeps, actorId: string | null): Promise<InvoicesEnabled> {
  const { fiscalId } = requireShop(deps.db);
  const baseUrl = effectiveUrl(deps.db, deps.env);
  const r = await enableCustomerInvoice(clientFor(deps, baseUrl, tokenOf(deps)), fiscalId);
  if (r.kind !== 'ok') throw setupApiError(r, 'update', fiscalId);
  // Openapi took the request but the service stays off: said plainly.
  if (r.data.customer_invoice !== true) throw new BanconeError('SETUP_INVOICES_NOT_ENABLED', msg.invoicing.openapiInvoicesStillOff({ fiscalId }), 'vat_number');
  // A shop that enables invoices on Openapi and has chosen no service yet sends them through it (the
  // wizard's step 2 offers this); a service already chosen in Impostazioni stays as chosen.
  const chooseOpenapi = getSetting(deps.db, 'invoice.provider') === '';
  if (chooseOpenapi) setSetting(deps.db, 'invoice.provider', 'openapi', deps.clock.now());
  appendAudit(deps.db, { at: deps.clock.now().toISOString(), actor: actorId, action: 'setup.invoicesEnabled', entityId: null, payload: { fiscalId, baseUrl, chosen: chooseOpenapi } });
  // An invoice queue stopped on «customer_invoice off» may go on.
  deps.wake?.();
  const words = msg.invoicing.openapiInvoicesEnabled({ fiscalId });
  return { configuration: r.data, message: words.it, message_en: words.en };
}
