// The one home of the words the backend and the shared domain show to people (issue #11, finding 5):
// error messages, refusals, status sentences. Italian in it.ts, English in en.ts, both keyed by
// area and name. A call site names the entry and passes its parameters, and gets a Text with both
// languages: `fail('PLU_NOT_FOUND', msg.catalog.pluNotFound({ plu }), 'code')`. The code (the stable
// API identifier) and the field stay at the call site; the words live here.
// The renderer's own words live in renderer/src/kit/locales (it.ts, en.ts).
import type { Catalogue, Same, Shape } from './catalogue.js';
import { en } from './en.js';
import { it } from './it.js';
import { text, type Text } from './text.js';

export type { Text } from './text.js';

type It = typeof it;

/** An entry as a call site sees it: a Text, or a function of the entry's parameters giving a Text. */
export type Messages = {
  [A in keyof It]: { [K in keyof It[A]]: It[A][K] extends (params: infer P) => string ? (params: P) => Text : Text };
};

// English has exactly Italian's keys and parameter types (a missing or extra key, or a different
// parameter, fails here at compile time; en.ts's `satisfies` names the entry).
const sameShape: Same<Shape<typeof en>, Shape<It>> = true;
void sameShape;

function build(itC: Catalogue, enC: Catalogue): Messages {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [area, entries] of Object.entries(itC)) {
    const area_: Record<string, unknown> = {};
    for (const [key, itEntry] of Object.entries(entries)) {
      const enEntry = enC[area]![key]!;
      area_[key] = typeof itEntry === 'function'
        ? (params: never) => text(itEntry(params), (enEntry as (p: never) => string)(params))
        : text(itEntry, enEntry as string);
    }
    out[area] = area_;
  }
  return out as Messages;
}

export const msg: Messages = build(it, en);

/** A zod refinement's message carries both languages as "italiano|english" (split again in shared/validation.ts). */
export function zodMessage(t: Text): string {
  return `${t.it}|${t.en}`;
}

/** The Text a zod issue carries: "italiano|english" from zodMessage(), or zod's own words (the same in both). */
export function fromZodMessage(message: string): Text {
  const [it, en] = message.split('|');
  return text(it ?? message, en ?? it ?? message);
}

/** Words the catalogue made earlier, carried as message/messageEn (a void or cancel blocker), as a Text again. */
export function textOf(words: { message: string; messageEn: string }): Text {
  return text(words.message, words.messageEn);
}
