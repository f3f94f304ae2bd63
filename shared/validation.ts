// zod → BanconeError with the field named, in Italian first. Every boundary parses through here.
// Issue #10 item 6: a refusal says what is wrong with the field and what was received (truncated,
// and never the value of a secret); item 7: the text and amount schemas every boundary shares.
import { z } from 'zod';
import { BanconeError } from './errors.js';
import { fromZodMessage, msg, zodMessage, type Text } from './messages/index.js';
import { MAX_AMOUNT_CENTS } from './money.js';

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue): string {
  return issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(input)';
}

/** Fields whose value is never repeated back (a log, a screen, a terminal someone reads over a shoulder). */
const SECRET_FIELD = /pin|password|passwd|token|secret|key/i;
const SHOWN_MAX = 40;

/** The received value as JSON, short; null when the field is a secret's (or nothing can be shown). */
function shown(issue: Issue, input: unknown): string | null {
  if (issue.path.some((p) => typeof p === 'string' && SECRET_FIELD.test(p))) return null;
  if (Object.is(input, -0)) return '-0';
  let s: string | undefined;
  if (Array.isArray(input)) s = '[…]';
  else if (input !== null && typeof input === 'object') s = '{…}';
  else if (typeof input === 'number' && !Number.isFinite(input)) s = String(input);
  else if (typeof input === 'bigint') s = `${input}`;
  else {
    try { s = JSON.stringify(input); } catch { s = undefined; }
  }
  if (s === undefined) return null;
  return s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX - 1)}…` : s;
}

function describe(issue: Issue): Text {
  const i = issue as Issue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string; values?: unknown[]; keys?: string[]; input?: unknown };
  // Only present when parsed with reportInput: a key absent from the object has no `input` at all.
  const present = Object.hasOwn(i, 'input') && i.input !== undefined;
  switch (issue.code) {
    case 'invalid_type':
      return present ? msg.input.wrongType({ expected: String(i.expected), received: shown(issue, i.input) }) : msg.input.required;
    case 'too_small':
      return i.origin === 'string' || i.origin === 'array' || i.origin === 'set'
        ? msg.input.tooShort({ minimum: String(i.minimum) })
        : msg.input.tooSmall({ minimum: String(i.minimum), inclusive: i.inclusive !== false, received: present ? shown(issue, i.input) : null });
    case 'too_big':
      return i.origin === 'string' || i.origin === 'array' || i.origin === 'set'
        ? msg.input.tooLong({ maximum: String(i.maximum) })
        : msg.input.tooLarge({ maximum: String(i.maximum), inclusive: i.inclusive !== false, received: present ? shown(issue, i.input) : null });
    case 'invalid_value':
      return msg.input.notAllowed({ allowed: (i.values ?? []).join(', '), received: present ? shown(issue, i.input) : null });
    case 'unrecognized_keys':
      return msg.input.unknownFields({ keys: (i.keys ?? []).map((k) => (k.length > SHOWN_MAX ? `${k.slice(0, SHOWN_MAX - 1)}…` : k)).join(', ') });
    case 'invalid_format':
      return msg.input.badFormat;
    default:
      // Custom refinements carry "italiano|english", made by zodMessage() from the catalogue.
      return fromZodMessage(issue.message);
  }
}

export function zodToError(error: z.ZodError, code = 'INVALID_INPUT'): BanconeError {
  const issue = error.issues[0]!;
  const field = pathOf(issue);
  const d = describe(issue);
  return new BanconeError(code, msg.input.field({ field, detail: d }), field);
}

/** Parses or throws a BanconeError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code = 'INVALID_INPUT'): z.output<S> {
  const r = schema.safeParse(input, { reportInput: true });
  if (!r.success) throw zodToError(r.error, code);
  return r.data;
}

/** Any amount in cents a till can mean: 0 … MAX_AMOUNT_CENTS (€ 1.000.000). */
export const amountCents = z.number().int().min(0).max(MAX_AMOUNT_CENTS);

// Half of a UTF-16 pair: no character at all (a damaged encoding).
const LONE_SURROGATE = /\p{Cs}/u;
// C0, DEL and C1 controls; tab and newline too (a description, a note, a reason are one line on paper).
const CONTROL = /\p{Cc}/u;
// Spaces, and format characters that show nothing (zero-width space/joiners, word joiner, BOM, soft hyphen…).
const BLANK = /^[\s\p{Cf}]*$/u;

/**
 * Text as it comes from a person or a script, cleaned once at the edge: NFC, trimmed; refused when it
 * holds a control character (`"Vino\u001bp\u0000"` would reach the AdE and the printer raw), half a
 * character, or — when `min` ≥ 1 — nothing visible.
 */
export function cleanText(max: number, min = 0) {
  return z
    .string()
    .superRefine((s, ctx) => {
      if (LONE_SURROGATE.test(s)) ctx.addIssue({ code: 'custom', message: zodMessage(msg.input.malformedText) });
      else if (CONTROL.test(s.trim())) ctx.addIssue({ code: 'custom', message: zodMessage(msg.input.controlCharacters) });
      else if (min > 0 && BLANK.test(s)) ctx.addIssue({ code: 'custom', message: zodMessage(msg.input.blank) });
    })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(min).max(max));
}
