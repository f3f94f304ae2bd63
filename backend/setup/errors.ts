// Openapi's refusals during the set-up, turned into what the shopkeeper should do, in Italian (and
// English), naming the wizard's field to fix. Openapi's own words follow as a labelled detail, never
// as the explanation. Codes: the envelope's `error` (shared/reference/README.md: 423 missing fiscal
// id, 424 not registered, 174 receipts not enabled, 111 configuration not found, 112 fiscal id
// already exists, 670 field not modifiable); HTTP 401/402/403/404/422/429/5xx; the AdE credentials
// refusal has no published code and is recognised by its words (the emulator uses 610/611).
import { BanconeError } from '../../shared/errors.js';
import { msg, type Text } from '../../shared/messages/index.js';
import type { SetupField } from '../../shared/messages/it.js';
import type { ApiOutcome } from '../sync/openapi-client.js';

type Refusal = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;

/** What the set-up was doing when Openapi refused: the advice depends on it. */
export type SetupOperation = 'checkToken' | 'read' | 'create' | 'update' | 'renew';

interface Advice { code: string; words: Text; field?: string }

/** Openapi's wire fields → the wizard's input fields. */
function fieldOf(message: string): SetupField | undefined {
  // «Invalid field: email. Fields fiscal_id, name, email are not editable.»: the first one is meant.
  const named = /(?:invalid (?:field|value for)|missing field):? ([\w.]+)/i.exec(message)?.[1];
  const m = (named ?? message).toLowerCase();
  if (/taxcode|tax_code/.test(m)) return 'tax_code';
  if (/password/.test(m)) return 'password';
  if (/\bpin\b/.test(m)) return 'pin';
  if (/fiscal_id/.test(m)) return 'vat_number';
  if (/e-?mail/.test(m)) return 'email';
  if (/\bname\b/.test(m)) return 'name';
  return undefined;
}

/** The one credential Openapi's words blame, or the password (the one that expires) when they name several or none. */
function credentialField(message: string): string {
  const named = [/taxcode|tax_code/i, /password/i, /\bpin\b/i].map((re) => re.test(message));
  if (named.filter(Boolean).length !== 1) return 'password';
  return ['tax_code', 'password', 'pin'][named.indexOf(true)]!;
}

function advise(r: Refusal, op: SetupOperation, fiscalId: string): Advice {
  // A refused change is said to have changed nothing on Openapi; a read or a token check changes nothing anyway.
  const writing = !(op === 'read' || op === 'checkToken');
  const w = msg.setup;
  switch (r.kind) {
    case 'auth':
      if (r.httpStatus === 403) return { code: 'SETUP_TOKEN_FORBIDDEN', field: 'token', words: w.tokenForbidden({ writing }) };
      return { code: 'SETUP_TOKEN_REFUSED', field: 'token', words: w.tokenRefused({ writing }) };
    case 'rateLimited': {
      const seconds = r.retryAfterMs !== null ? Math.max(1, Math.ceil(r.retryAfterMs / 1000)) : null;
      return { code: 'SETUP_RATE_LIMITED', words: w.rateLimited({ seconds, writing }) };
    }
    case 'notSent':
      return { code: 'SETUP_UNREACHABLE', field: 'url', words: w.unreachable({ network: r.network, writing }) };
    case 'ambiguous':
      return { code: 'SETUP_UNCERTAIN', words: w.uncertain({ writing }) };
    case 'config':
    case 'rejected':
      break;
  }
  const code = r.code;
  const said = r.message;
  const status = r.httpStatus;
  // Listing the configurations cannot be «not found»: a 404 there means the address is not Openapi's.
  if ((r.kind === 'config' && !r.openapi) || (op === 'checkToken' && status === 404))
    return { code: 'SETUP_WRONG_ADDRESS', field: 'url', words: w.wrongAddress({ status, writing }) };
  if (status === 402) return { code: 'SETUP_ACCOUNT_PAYMENT', field: 'token', words: w.accountPayment({ writing }) };
  if (code === '112' || /already exist/i.test(said))
    return { code: 'SETUP_ALREADY_REGISTERED', field: 'vat_number', words: w.alreadyRegistered({ fiscalId, writing }) };
  if (code === '611' || /(taxcode|tax code|codice fiscale).*(not (enabled|authori[sz]ed|abilitat))|incaricat/i.test(said))
    return { code: 'SETUP_ADE_TAX_CODE_NOT_ENABLED', field: 'tax_code', words: w.adeTaxCodeNotEnabled({ writing }) };
  if (code === '174' || /receipts? (service )?(is )?not enabled/i.test(said))
    return { code: 'SETUP_RECEIPTS_NOT_ENABLED', field: 'vat_number', words: w.receiptsNotEnabled({ fiscalId, writing }) };
  if (code === '610' || /credential|authentication|password|\bpin\b/i.test(said))
    return { code: 'SETUP_ADE_CREDENTIALS_REFUSED', field: credentialField(said), words: w.adeCredentialsRefused({ writing }) };
  if (code === '670') {
    const field = fieldOf(said) ?? 'email';
    return { code: 'SETUP_NOT_EDITABLE', field, words: w.notEditable({ field, writing }) };
  }
  if (code === '424' || code === '111' || code === '423' || status === 404)
    return { code: 'SETUP_NOT_REGISTERED', field: 'vat_number', words: w.notRegistered({ fiscalId, writing }) };
  const field = fieldOf(said);
  return field
    ? { code: 'SETUP_REFUSED', field, words: w.fieldRefused({ field, writing }) }
    : { code: 'SETUP_REFUSED', words: w.refused({ status, writing }) };
}

/** The refusal as a BanconeError: advice first, then «Messaggio di Openapi: …» when Openapi said something. */
export function setupApiError(r: Refusal, op: SetupOperation, fiscalId: string): BanconeError {
  const a = advise(r, op, fiscalId);
  const words = r.message.trim();
  const own = words && !/^HTTP \d+$/.test(words);
  // No answer, or an unreadable one: the words are the network's or the till's, not Openapi's.
  const theirs = r.kind !== 'notSent' && r.kind !== 'ambiguous';
  return new BanconeError(a.code, own ? msg.setup.withDetail({ advice: a.words, theirs, message: words }) : a.words, a.field);
}
