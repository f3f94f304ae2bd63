// zod → BanconeError with the field named, in Italian first. Every boundary parses through here.
import type { z } from 'zod';
import { BanconeError } from './errors.js';

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue): string {
  return issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(input)';
}

function describe(issue: Issue): { it: string; en: string } {
  const i = issue as Issue & { expected?: string; minimum?: number | bigint; maximum?: number | bigint; origin?: string; values?: unknown[]; keys?: string[] };
  switch (issue.code) {
    case 'invalid_type':
      return i.input === undefined
        ? { it: 'campo obbligatorio mancante', en: 'required field missing' }
        : { it: `tipo non valido (atteso ${i.expected})`, en: `invalid type (expected ${i.expected})` };
    case 'too_small':
      return i.origin === 'string' || i.origin === 'array'
        ? { it: `troppo corto (minimo ${i.minimum})`, en: `too short (minimum ${i.minimum})` }
        : { it: `valore troppo piccolo (minimo ${i.minimum})`, en: `value too small (minimum ${i.minimum})` };
    case 'too_big':
      return i.origin === 'string' || i.origin === 'array'
        ? { it: `troppo lungo (massimo ${i.maximum})`, en: `too long (maximum ${i.maximum})` }
        : { it: `valore troppo grande (massimo ${i.maximum})`, en: `value too large (maximum ${i.maximum})` };
    case 'invalid_value':
      return { it: `valore non ammesso (ammessi: ${(i.values ?? []).join(', ')})`, en: `value not allowed (allowed: ${(i.values ?? []).join(', ')})` };
    case 'unrecognized_keys':
      return { it: `campi sconosciuti: ${(i.keys ?? []).join(', ')}`, en: `unknown fields: ${(i.keys ?? []).join(', ')}` };
    case 'invalid_format':
      return { it: 'formato non valido', en: 'invalid format' };
    default: {
      // Custom refinements carry "italiano|english".
      const [it, en] = issue.message.split('|');
      return { it: it ?? issue.message, en: en ?? it ?? issue.message };
    }
  }
}

export function zodToError(error: z.ZodError, code = 'INVALID_INPUT'): BanconeError {
  const issue = error.issues[0]!;
  const field = pathOf(issue);
  const d = describe(issue);
  return new BanconeError(code, `Campo "${field}": ${d.it}`, `Field "${field}": ${d.en}`, field);
}

/** Parses or throws a BanconeError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code = 'INVALID_INPUT'): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw zodToError(r.error, code);
  return r.data;
}
