// zod → BanconeError with the field named, in Italian first. Every boundary parses through here.
import type { z } from 'zod';
import { BanconeError } from './errors.js';
import { fromZodMessage, msg, type Text } from './messages/index.js';

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue): string {
  return issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(input)';
}

function describe(issue: Issue): Text {
  const i = issue as Issue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; origin?: string; values?: unknown[]; keys?: string[] };
  switch (issue.code) {
    case 'invalid_type':
      return i.input === undefined ? msg.input.required : msg.input.wrongType({ expected: String(i.expected) });
    case 'too_small':
      return i.origin === 'string' || i.origin === 'array'
        ? msg.input.tooShort({ minimum: String(i.minimum) })
        : msg.input.tooSmall({ minimum: String(i.minimum) });
    case 'too_big':
      return i.origin === 'string' || i.origin === 'array'
        ? msg.input.tooLong({ maximum: String(i.maximum) })
        : msg.input.tooLarge({ maximum: String(i.maximum) });
    case 'invalid_value':
      return msg.input.notAllowed({ allowed: (i.values ?? []).join(', ') });
    case 'unrecognized_keys':
      return msg.input.unknownFields({ keys: (i.keys ?? []).join(', ') });
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
  const r = schema.safeParse(input);
  if (!r.success) throw zodToError(r.error, code);
  return r.data;
}
