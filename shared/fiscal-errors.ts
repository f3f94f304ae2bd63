// Why a fiscal document was refused, in the shop's words. The refusal's code and message are stored
// as they came (the API's own words, usually English); here they are read into a kind of problem and
// an explanation of what to do, in Italian and English. The API's words are still shown, apart and
// labelled, for whoever has to look further (assistance, Openapi).
//
// Openapi publishes no codes for content errors: codes are matched where known (the emulator's
// 6xx, the AdE's 5-digit codes), and the message otherwise.

export const REFUSAL_KINDS = [
  'zero_price', 'payments', 'discount', 'lottery', 'over_return', 'void_window', 'already_voided', 'has_returns',
  'parent_missing', 'invalid_data', 'ade_rejected', 'other',
] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** Who refused: the till's own check before sending, Openapi, or the Agenzia after Openapi took it. */
export type RefusalSource = 'till' | 'openapi' | 'ade';

export function refusalSource(code: string | null): RefusalSource {
  if (code === 'LOCAL_INVALID') return 'till';
  if (code !== null && (/^\d{5}$/.test(code) || code === 'ADE_FAILED')) return 'ade';
  return 'openapi';
}

export function classifyRefusal(code: string | null, message: string | null): RefusalKind {
  const m = (message ?? '').toLowerCase();
  const c = code ?? '';
  if (/unit_price/.test(m) && /(positive|greater than 0|> ?0|zero|at least 0\.0*1)/.test(m)) return 'zero_price';
  if (c === '602' || /sum of (the )?payments|payments? .*(does not|do not|doesn't) match/.test(m)) return 'payments';
  if (c === '603' || /lottery/.test(m)) return 'lottery';
  if (c === '604' || /still returnable|exceeds the quantity|more than (was )?sold/.test(m)) return 'over_return';
  if (c === '605' || /within 24 ?(h|hours)|24 ore/.test(m)) return 'void_window';
  if (c === '606' || /already (been )?voided/.test(m)) return 'already_voided';
  if (c === '608' || /returned items|has returns/.test(m)) return 'has_returns';
  if (/discount/.test(m)) return 'discount';
  if (/receipt \S+ not found|parent.*not found/.test(m) || c === 'PARENT_ITEMS_MISMATCH') return 'parent_missing';
  if (refusalSource(code) === 'ade' || /agenzia delle entrate/.test(m)) return 'ade_rejected';
  if (c === 'LOCAL_INVALID' || c === '600' || c === '601' || /invalid (field|value)|is required|must be|not allowed/.test(m)) return 'invalid_data';
  return 'other';
}

type Kind = 'sale' | 'return' | 'void';
const CANCEL_IT = '«Non trasmettere» (con il motivo)';
const CANCEL_EN = '"Do not transmit" (with the reason)';

/** What went wrong and what to do, Italian and English. */
export function explainRefusal(kind: RefusalKind, doc: Kind): { it: string; en: string } {
  const thisIt = doc === 'sale' ? 'questa vendita' : doc === 'return' ? 'questo reso' : 'questo annullo';
  const thisEn = `this ${doc}`;
  switch (kind) {
    case 'zero_price':
      return {
        it: `Una riga ha prezzo € 0,00: l'Agenzia delle Entrate non accetta righe a prezzo zero (per regalare un articolo si usa «Omaggio»). ${cap(thisIt)} non può essere trasmessa così: ${CANCEL_IT} e registrarla di nuovo con il prezzo giusto, o con la riga come omaggio.`,
        en: `A line is priced € 0.00: the Revenue Agency does not accept zero-priced lines (to give something away use "Omaggio"). ${cap(thisEn)} cannot be transmitted as it is: ${CANCEL_EN} and ring it up again with the right price, or with the line as an omaggio.`,
      };
    case 'payments':
      return {
        it: `I pagamenti registrati non corrispondono al totale dello scontrino: l'Agenzia non lo accetta. «Riprova» non basta: segnalarlo all'assistenza; se ${thisIt} non va trasmessa, ${CANCEL_IT}.`,
        en: `The recorded payments do not add up to the receipt total: the Agency does not accept it. "Retry" will not fix it: report it to support; if ${thisEn} is not to be transmitted, ${CANCEL_EN}.`,
      };
    case 'discount':
      return {
        it: `Uno sconto supera l'importo della sua riga o dello scontrino: l'Agenzia non lo accetta. Segnalarlo all'assistenza, oppure ${CANCEL_IT} e registrare di nuovo la vendita con lo sconto giusto.`,
        en: `A discount is larger than its line or the receipt: the Agency does not accept it. Report it to support, or ${CANCEL_EN} and ring the sale up again with the right discount.`,
      };
    case 'lottery':
      return {
        it: `Il codice lotteria non è accettato: serve un pagamento tutto elettronico e un totale di almeno € 1,00. ${CANCEL_IT} e registrare di nuovo la vendita senza codice lotteria, oppure segnalarlo all'assistenza.`,
        en: `The lottery code is not accepted: it needs a fully electronic payment and a total of at least € 1.00. ${CANCEL_EN} and ring the sale up again without the lottery code, or report it to support.`,
      };
    case 'over_return':
      return {
        it: `Il reso supera la quantità ancora rendibile presso l'Agenzia (forse una parte è già stata resa con un altro documento). Controllare i resi di questa vendita; se ${thisIt} non va trasmesso, ${CANCEL_IT}.`,
        en: `The return exceeds what the Agency still has as returnable (part may already have been returned with another document). Check this sale's returns; if ${thisEn} is not to be transmitted, ${CANCEL_EN}.`,
      };
    case 'void_window':
      return {
        it: `Sono passate più di 24 ore dalla trasmissione della vendita: presso l'Agenzia non si può più annullare. Fare un reso totale della vendita e ${CANCEL_IT} di ${thisIt}.`,
        en: `More than 24 hours have passed since the sale was transmitted: the Agency no longer accepts a void. Make a full return of the sale and ${CANCEL_EN} of ${thisEn}.`,
      };
    case 'already_voided':
      return {
        it: `La vendita risulta già annullata presso l'Agenzia: ${thisIt} non serve. ${CANCEL_IT}.`,
        en: `The sale is already voided at the Agency: ${thisEn} is not needed. ${CANCEL_EN}.`,
      };
    case 'has_returns':
      return {
        it: `La vendita ha già dei resi presso l'Agenzia e non si può annullare: fare un reso di ciò che resta e ${CANCEL_IT} di ${thisIt}.`,
        en: `The sale already has returns at the Agency and cannot be voided: return what is left and ${CANCEL_EN} of ${thisEn}.`,
      };
    case 'parent_missing':
      return {
        it: `La vendita originale non si trova presso Openapi come la conosce la cassa: segnalarlo all'assistenza; se ${thisIt} non va trasmesso, ${CANCEL_IT}.`,
        en: `The original sale cannot be found on Openapi as the till knows it: report it to support; if ${thisEn} is not to be transmitted, ${CANCEL_EN}.`,
      };
    case 'invalid_data':
      return {
        it: `Il documento contiene un dato che l'Agenzia non accetta (vedere il messaggio qui sotto). Segnalarlo all'assistenza; se ${thisIt} non va trasmess${doc === 'sale' ? 'a' : 'o'}, ${CANCEL_IT}.`,
        en: `The document holds a value the Agency does not accept (see the message below). Report it to support; if ${thisEn} is not to be transmitted, ${CANCEL_EN}.`,
      };
    case 'ade_rejected':
      return {
        it: `L'Agenzia delle Entrate ha scartato il documento (vedere il messaggio qui sotto). Spesso dipende dalle credenziali AdE: controllarle in Impostazioni, poi premere «Riprova».`,
        en: `The Revenue Agency discarded the document (see the message below). It often depends on the AdE credentials: check them in Settings, then press "Retry".`,
      };
    default:
      return {
        it: `Openapi ha rifiutato il documento senza spiegare chiaramente perché (vedere il messaggio qui sotto). Premere «Riprova» quando il problema è risolto, oppure ${CANCEL_IT} se il documento non va trasmesso.`,
        en: `Openapi refused the document without saying clearly why (see the message below). Press "Retry" once the problem is solved, or ${CANCEL_EN} if the document is not to be transmitted.`,
      };
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
