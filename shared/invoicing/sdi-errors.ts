// What to fix for the SDI's common rejection codes (notifica di scarto), in the shop's words. A pure
// table: the code as the service reports it (five digits, «00311») → the catalogue's advice
// (shared/messages area sdiAdvice); a code the till does not know has no advice (null), and the
// SDI's own message is still shown.
import { msg, type Text } from '../messages/index.js';

const ADVICE: Record<string, Text> = {
  '00001': msg.sdiAdvice.c00001, '00002': msg.sdiAdvice.c00002, '00200': msg.sdiAdvice.c00200,
  '00305': msg.sdiAdvice.c00305, '00306': msg.sdiAdvice.c00306, '00311': msg.sdiAdvice.c00311, '00312': msg.sdiAdvice.c00312,
  '00400': msg.sdiAdvice.c00400, '00401': msg.sdiAdvice.c00401, '00403': msg.sdiAdvice.c00403, '00404': msg.sdiAdvice.c00404,
  '00417': msg.sdiAdvice.c00417, '00418': msg.sdiAdvice.c00418, '00421': msg.sdiAdvice.c00421, '00422': msg.sdiAdvice.c00422,
  '00423': msg.sdiAdvice.c00423, '00425': msg.sdiAdvice.c00425, '00426': msg.sdiAdvice.c00426, '00427': msg.sdiAdvice.c00427,
};

/** The advice for an SDI error code, or null when the code is not one the till knows. */
export function sdiAdvice(code: string): Text | null {
  return Object.hasOwn(ADVICE, code.trim()) ? ADVICE[code.trim()]! : null;
}
