// The shape both languages share. Italian (it.ts) is the source: English (en.ts) must have exactly
// its areas, keys and parameter types, which `Same` below turns into a compile error when they differ.

/** An entry: fixed words, or words made from typed parameters. */
export type Entry = string | ((params: never) => string);

export type Catalogue = Record<string, Record<string, Entry>>;

/** What a language must provide, given Italian: the same keys, each a string or a function of the same parameters. */
export type LanguageOf<It extends Catalogue> = {
  [A in keyof It]: { [K in keyof It[A]]: It[A][K] extends (params: infer P) => string ? (params: P) => string : string };
};

/** Keys and parameter types, without the words: what must be identical between languages. */
export type Shape<C> = {
  [A in keyof C]: { [K in keyof C[A]]: C[A][K] extends (params: infer P) => string ? ['params', P] : 'text' };
};

/** True only when A and B are the same type (not merely assignable one way). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
