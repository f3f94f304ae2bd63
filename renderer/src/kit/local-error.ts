// Errors the renderer finds itself (a code not in the catalogue, a card amount above what is left…)
// are the same value the backend answers with: ErrorInfo, a code with its Italian and English words
// (shared/errors.ts). So every error on screen is shown one way (ErrorBanner, FieldError, notices:
// ui.tsx picks the language), carries its code to the page (data-code) and reads the same in tests,
// wherever it was found. Their words live with every other string, in locales/ under
// <screen>.errors, never inline in a store or a component.
import type { ErrorInfo } from '../../../shared/errors.js';
import { it, type Messages } from './locales/it.js';
import { en } from './locales/en.js';

/** `<group>.errors.<name>` for every group of the locales that has errors. */
export type LocalErrorKey = {
  [G in keyof Messages]: Messages[G] extends { errors: infer E } ? `${G}.errors.${keyof E & string}` : never;
}[keyof Messages];

type Vars = Record<string, string | number>;

function text(messages: object, key: LocalErrorKey, vars: Vars): string {
  const template = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;
  // The same {{name}} placeholders i18next fills on screen (interpolation not escaped: React escapes).
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * The ErrorInfo for `key`, its placeholders filled with `vars` (`varsEn` for the English words when
 * they differ, e.g. reasons the backend gave in both languages).
 */
export function localError(code: string, key: LocalErrorKey, opts: { field?: string; vars?: Vars; varsEn?: Vars } = {}): ErrorInfo {
  const vars = opts.vars ?? {};
  return {
    code,
    ...(opts.field ? { field: opts.field } : {}),
    message: text(it, key, vars),
    message_en: text(en, key, opts.varsEn ?? vars),
  };
}
