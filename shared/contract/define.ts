// The building blocks of the UI ↔ backend contract (Actual Budget's handler map, described in
// ARCHITECTURE.md): every method is a name, a zod input schema, a zod output schema, whether it
// writes, and who may call it. Feature files define maps; index.ts merges them once.
import type { z } from 'zod';
import type { ErrorInfo } from '../errors.js';

/**
 * public   — callable before anyone logs in (login screen, status bar);
 * operator — any logged-in operator (cashier or manager);
 * manager  — a manager, or a cashier whose session holds a fresh manager approval (PIN at the counter).
 */
export type Access = 'public' | 'operator' | 'manager';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** Writes run one at a time (the transport serializes them); reads run freely. */
  readonly write: boolean;
  readonly access: Access;
}

export type ContractMap = Record<string, MethodSpec>;

/** A read-only method. */
export function query<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): MethodSpec<I, O> {
  return { input, output, write: false, access };
}

/** A method that changes something: marked so the transport runs it serialized. */
export function mutation<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): MethodSpec<I, O> {
  return { input, output, write: true, access };
}

const NAME_RE = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;

/** A feature's map. Names are "area.verb" (e.g. "sale.commit"). */
export function defineContract<const M extends ContractMap>(map: M): M {
  for (const name of Object.keys(map)) {
    if (!NAME_RE.test(name)) throw new Error(`Contract method name must be "area.verb": ${name}`);
  }
  return map;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges feature maps into one; registering a name twice throws at start-up. */
export function mergeContracts<const T extends ContractMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: ContractMap = {};
  for (const m of maps) {
    for (const [name, spec] of Object.entries(m)) {
      if (Object.hasOwn(out, name)) throw new Error(`Contract method registered twice: ${name}`);
      out[name] = spec;
    }
  }
  return Object.freeze(out) as UnionToIntersection<T[number]>;
}

/** Every call answers with a value or an error value: transports never throw for business errors. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export type InputOf<C extends ContractMap, K extends keyof C> = z.input<C[K]['input']>;
export type OutputOf<C extends ContractMap, K extends keyof C> = z.output<C[K]['output']>;
/** What a handler may return before the output schema is applied. */
export type HandlerOutputOf<C extends ContractMap, K extends keyof C> = z.input<C[K]['output']>;
/** What a handler receives: the input after parsing (defaults applied). */
export type ParsedInputOf<C extends ContractMap, K extends keyof C> = z.output<C[K]['input']>;
