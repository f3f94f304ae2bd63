// Openapi's refusals during the set-up, turned into what the shopkeeper should do, in Italian (and
// English), naming the wizard's field to fix. Openapi's own words follow as a labelled detail, never
// as the explanation. Codes: the envelope's `error` (shared/reference/README.md: 423 missing fiscal
// id, 424 not registered, 174 receipts not enabled, 111 configuration not found, 112 fiscal id
// already exists, 670 field not modifiable); HTTP 401/402/403/404/422/429/5xx; the AdE credentials
// refusal has no published code and is recognised by its words (the emulator uses 610/611).
import { BanconeError } from '../../shared/errors.js';
import type { ApiOutcome } from '../sync/openapi-client.js';

type Refusal = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;

/** What the set-up was doing when Openapi refused: the advice depends on it. */
export type SetupOperation = 'checkToken' | 'read' | 'create' | 'update' | 'renew';

interface Advice { code: string; it: string; en: string; field?: string }

/** Openapi's wire fields → the wizard's input fields. */
function fieldOf(message: string): string | undefined {
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

const FIELD_IT: Record<string, string> = {
  tax_code: 'codice fiscale Fisconline/Entratel', password: 'password Fisconline/Entratel', pin: 'PIN Fisconline/Entratel',
  vat_number: 'Partita IVA', email: 'e-mail', name: 'ragione sociale',
};
const FIELD_EN: Record<string, string> = {
  tax_code: 'Fisconline/Entratel tax code', password: 'Fisconline/Entratel password', pin: 'Fisconline/Entratel PIN',
  vat_number: 'VAT number', email: 'e-mail', name: 'business name',
};

function advise(r: Refusal, op: SetupOperation, fiscalId: string): Advice {
  const nothing = op === 'read' || op === 'checkToken' ? '' : ' Su Openapi non è cambiato niente.';
  const nothingEn = op === 'read' || op === 'checkToken' ? '' : ' Nothing was changed on Openapi.';
  switch (r.kind) {
    case 'auth':
      if (r.httpStatus === 403) {
        return {
          code: 'SETUP_TOKEN_FORBIDDEN', field: 'token',
          it: `Il token Openapi non ha il permesso per questa operazione: crearne uno nella console di Openapi con gli ambiti di invoice.openapi.com per IT-configurations e IT-receipts (GET, POST, PATCH, DELETE), poi inserirlo qui.${nothing}`,
          en: `The Openapi token is not allowed to do this: create one in Openapi's console with the invoice.openapi.com scopes for IT-configurations and IT-receipts (GET, POST, PATCH, DELETE), then enter it here.${nothingEn}`,
        };
      }
      return {
        code: 'SETUP_TOKEN_REFUSED', field: 'token',
        it: `Openapi non accetta il token: controllare di averlo copiato per intero e che sia dell'ambiente scelto (un token della sandbox non vale in produzione, e viceversa); se è scaduto, generarne uno nuovo nella console di Openapi.${nothing}`,
        en: `Openapi does not accept the token: check it was copied whole and belongs to the chosen environment (a sandbox token is not valid in production, and vice versa); if it expired, create a new one in Openapi's console.${nothingEn}`,
      };
    case 'rateLimited': {
      const s = r.retryAfterMs !== null ? Math.max(1, Math.ceil(r.retryAfterMs / 1000)) : null;
      return {
        code: 'SETUP_RATE_LIMITED',
        it: `Openapi chiede di rallentare: riprovare ${s !== null ? `tra ${s} ${s === 1 ? 'secondo' : 'secondi'}` : 'tra qualche minuto'}.${nothing}`,
        en: `Openapi asks to slow down: try again ${s !== null ? `in ${s} ${s === 1 ? 'second' : 'seconds'}` : 'in a few minutes'}.${nothingEn}`,
      };
    }
    case 'notSent':
      return {
        code: 'SETUP_UNREACHABLE', field: 'url',
        it: r.network
          ? `Openapi non è raggiungibile: controllare la connessione a internet della cassa, poi riprovare.${nothing}`
          : `All'indirizzo di Openapi non risponde nessuno: controllare l'indirizzo scelto (ambiente) e la connessione, poi riprovare.${nothing}`,
        en: r.network
          ? `Openapi cannot be reached: check the till's internet connection, then try again.${nothingEn}`
          : `Nothing answers at Openapi's address: check the chosen address (environment) and the connection, then try again.${nothingEn}`,
      };
    case 'ambiguous':
      return {
        code: 'SETUP_UNCERTAIN',
        it: op === 'read' || op === 'checkToken'
          ? 'Openapi non ha risposto in modo chiaro (servizio in difficoltà o risposta interrotta): riprovare tra qualche minuto.'
          : 'Openapi non ha risposto in modo chiaro: la richiesta potrebbe essere arrivata. Premere «Verifica» per vedere la configurazione come la tiene Openapi, poi riprovare se serve (riprovare non crea doppioni).',
        en: op === 'read' || op === 'checkToken'
          ? 'Openapi gave no clear answer (service in trouble or answer cut): try again in a few minutes.'
          : 'Openapi gave no clear answer: the request may have arrived. Press "Verify" to see the configuration as Openapi holds it, then try again if needed (trying again creates no duplicate).',
      };
    case 'config':
    case 'rejected':
      break;
  }
  const code = r.code;
  const msg = r.message;
  const status = r.httpStatus;
  // Listing the configurations cannot be «not found»: a 404 there means the address is not Openapi's.
  if ((r.kind === 'config' && !r.openapi) || (op === 'checkToken' && status === 404)) {
    return {
      code: 'SETUP_WRONG_ADDRESS', field: 'url',
      it: `All'indirizzo scelto non risponde Openapi (HTTP ${status}): controllare l'ambiente o l'indirizzo personalizzato.${nothing}`,
      en: `Openapi does not answer at the chosen address (HTTP ${status}): check the environment or the custom address.${nothingEn}`,
    };
  }
  if (status === 402) {
    return {
      code: 'SETUP_ACCOUNT_PAYMENT', field: 'token',
      it: `Il conto Openapi legato a questo token non ha credito o l'abbonamento al servizio scontrini non è attivo: ricaricarlo o attivarlo nella console di Openapi, poi riprovare.${nothing}`,
      en: `The Openapi account of this token has no credit or no active receipts subscription: top it up or subscribe in Openapi's console, then try again.${nothingEn}`,
    };
  }
  if (code === '112' || /already exist/i.test(msg)) {
    return {
      code: 'SETUP_ALREADY_REGISTERED', field: 'vat_number',
      it: `La Partita IVA ${fiscalId} è già registrata su Openapi, ma non con l'account di questo token: inserire il token dell'account che l'ha registrata, o chiedere all'assistenza di Openapi di spostarla su questo account.${nothing}`,
      en: `VAT number ${fiscalId} is already registered on Openapi, but not with this token's account: enter the token of the account that registered it, or ask Openapi's support to move it to this account.${nothingEn}`,
    };
  }
  if (code === '611' || /(taxcode|tax code|codice fiscale).*(not (enabled|authori[sz]ed|abilitat))|incaricat/i.test(msg)) {
    return {
      code: 'SETUP_ADE_TAX_CODE_NOT_ENABLED', field: 'tax_code',
      it: `Il codice fiscale Fisconline/Entratel non è abilitato a trasmettere i corrispettivi per questa Partita IVA: abilitarlo (o nominarlo incaricato) nel portale «Fatture e Corrispettivi» dell'Agenzia delle Entrate, poi riprovare.${nothing}`,
      en: `The Fisconline/Entratel tax code is not enabled to transmit receipts for this VAT number: enable it (or appoint it) in the Agenzia delle Entrate's «Fatture e Corrispettivi» portal, then try again.${nothingEn}`,
    };
  }
  if (code === '174' || /receipts? (service )?(is )?not enabled/i.test(msg)) {
    return {
      code: 'SETUP_RECEIPTS_NOT_ENABLED', field: 'vat_number',
      it: `Il servizio scontrini elettronici non è abilitato su Openapi per la Partita IVA ${fiscalId}: abilitarlo nella console di Openapi (servizio IT-receipts), poi premere di nuovo «Registra».${nothing}`,
      en: `The e-receipts service is not enabled on Openapi for VAT number ${fiscalId}: enable it in Openapi's console (IT-receipts service), then press "Register" again.${nothingEn}`,
    };
  }
  if (code === '610' || /credential|authentication|password|\bpin\b/i.test(msg)) {
    return {
      code: 'SETUP_ADE_CREDENTIALS_REFUSED', field: credentialField(msg),
      it: `L'Agenzia delle Entrate non accetta le credenziali Fisconline/Entratel: controllare codice fiscale, password e PIN (la password dell'Agenzia scade ogni 90 giorni: se è scaduta, cambiarla sul sito dell'Agenzia e inserire quella nuova).${nothing}`,
      en: `The Agenzia delle Entrate does not accept the Fisconline/Entratel credentials: check tax code, password and PIN (the Agency's password expires every 90 days: if it did, change it on the Agency's site and enter the new one).${nothingEn}`,
    };
  }
  if (code === '670') {
    const f = fieldOf(msg) ?? 'email';
    return {
      code: 'SETUP_NOT_EDITABLE', field: f,
      it: `Su Openapi ${FIELD_IT[f] ?? f} non si può più cambiare dopo la registrazione: lasciare quello registrato, o chiedere all'assistenza di Openapi.${nothing}`,
      en: `On Openapi the ${FIELD_EN[f] ?? f} cannot be changed after registration: keep the registered one, or ask Openapi's support.${nothingEn}`,
    };
  }
  if (code === '424' || code === '111' || code === '423' || status === 404) {
    return {
      code: 'SETUP_NOT_REGISTERED', field: 'vat_number',
      it: `Openapi non ha una configurazione per la Partita IVA ${fiscalId}: premere «Registra» per crearla.${nothing}`,
      en: `Openapi has no configuration for VAT number ${fiscalId}: press "Register" to create it.${nothingEn}`,
    };
  }
  const f = fieldOf(msg);
  return {
    code: 'SETUP_REFUSED', ...(f ? { field: f } : {}),
    it: f
      ? `Openapi non accetta il campo «${FIELD_IT[f]}»: controllarlo e riprovare.${nothing}`
      : `Openapi ha rifiutato la richiesta (HTTP ${status}): controllare i dati inseriti; se tutto è giusto, mostrare il messaggio qui sotto all'assistenza.${nothing}`,
    en: f
      ? `Openapi does not accept the ${FIELD_EN[f]}: check it and try again.${nothingEn}`
      : `Openapi refused the request (HTTP ${status}): check the data entered; if everything is right, show the message below to support.${nothingEn}`,
  };
}

/** The refusal as a BanconeError: advice first, then «Messaggio di Openapi: …» when Openapi said something. */
export function setupApiError(r: Refusal, op: SetupOperation, fiscalId: string): BanconeError {
  const a = advise(r, op, fiscalId);
  const words = r.message.trim();
  const own = words && !/^HTTP \d+$/.test(words);
  // No answer, or an unreadable one: the words are the network's or the till's, not Openapi's.
  const theirs = r.kind !== 'notSent' && r.kind !== 'ambiguous';
  const [labelIt, labelEn] = theirs ? ['Messaggio di Openapi', 'Openapi\'s message'] : ['Dettaglio tecnico', 'Technical detail'];
  return new BanconeError(
    a.code,
    own ? `${a.it}\n${labelIt}: «${words}»` : a.it,
    own ? `${a.en}\n${labelEn}: "${words}"` : a.en,
    a.field,
  );
}
