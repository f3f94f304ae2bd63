// Why a fiscal document was refused, in the shop's words. The refusal's code and message are stored
// as they came (the API's own words, usually English); here they are read into a kind of problem and
// an explanation of what to do, in Italian and English. The API's words are still shown, apart and
// labelled, for whoever has to look further (assistance, Openapi).
//
// The words are the catalogue's (shared/messages, area refusal).
//
// Openapi publishes no codes for content errors: codes are matched where known (the emulator's
// 6xx, the AdE's 5-digit codes), and the message otherwise.

import { msg, type Text } from './messages/index.js';

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

/** Each kind of refusal's explanation in the catalogue (shared/messages, area refusal). */
const EXPLANATION = {
  zero_price: msg.refusal.zeroPrice,
  payments: msg.refusal.payments,
  discount: msg.refusal.discount,
  lottery: msg.refusal.lottery,
  over_return: msg.refusal.overReturn,
  void_window: msg.refusal.voidWindow,
  already_voided: msg.refusal.alreadyVoided,
  has_returns: msg.refusal.hasReturns,
  parent_missing: msg.refusal.parentMissing,
  invalid_data: msg.refusal.invalidData,
  ade_rejected: msg.refusal.adeRejected,
  other: msg.refusal.other,
} satisfies Record<RefusalKind, unknown>;

/** What went wrong and what to do, Italian and English. */
export function explainRefusal(kind: RefusalKind, doc: Kind): Text {
  return EXPLANATION[kind]({ doc });
}
