// A user-visible message in both languages, as the catalogue makes it. Errors, refusals and status
// sentences carry a Text, never two loose strings: the brand means a Text only comes out of the
// catalogue (shared/messages/index.ts), so words cannot be written inline at a call site.

declare const fromCatalogue: unique symbol;

export interface Text {
  readonly it: string;
  readonly en: string;
  readonly [fromCatalogue]: true;
}

/** The catalogue's one way to make a Text (and the relay's: words already made elsewhere, e.g. an ErrorInfo received over IPC). */
export function text(it: string, en: string): Text {
  return { it, en } as Text;
}
