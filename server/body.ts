// Request bodies: parsed with a zod schema, a refusal naming the first field that is wrong.
import { BanconeError } from '../shared/errors.js';
import { msg } from '../shared/messages/index.js';

/** Parses with a zod schema; a refusal names the first field that is wrong. */
export function parseBody<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  throw new BanconeError('REQUEST_INVALID', msg.server.requestInvalid({ field, detail: issue.message }), field);
}

