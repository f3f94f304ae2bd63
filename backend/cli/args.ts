// Tiny, strict argument parsing on node:util parseArgs. Nothing unexpected is ignored (issue #10,
// item 5): an unknown option, an option without its value, an empty value (`--refund ''` is not
// «no refund method»), a value given to a switch, and a word more than the command takes are all
// refused in the user's language, naming the argument, before the command touches the ledger.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `positionals`: how many bare words the command takes at most (`'any'` for free text such as
 * `catalog search latte intero`; the older `false`/`true` mean none/any). Commands with
 * subcommands check each subcommand's own count with `noMoreThan`.
 */
export function parse<T extends Options>(argv: string[], options: T, positionals: number | 'any' | boolean = 0) {
  const max = positionals === true ? 'any' : positionals === false ? 0 : positionals;
  const all = { ...options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } } as const satisfies Options;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals: true, strict: false, tokens: true });
  } catch (e) {
    const m = (e as Error).message;
    throw new BanconeError('CLI_USAGE', msg.cli.invalidArguments({ detail: m }));
  }
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    const spec = (all as Options)[t.name];
    if (!spec) throw new BanconeError('CLI_USAGE', msg.cli.optionUnknown({ option: t.rawName }), t.name);
    if (spec.type === 'boolean' && t.value !== undefined)
      throw new BanconeError('CLI_USAGE', msg.cli.optionTakesNoValue({ name: t.name, value: t.value }), t.name);
    // Not strict, parseArgs takes the next word whatever it is: `--refund --json` is a missing value.
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))))
      throw new BanconeError('CLI_USAGE', msg.cli.optionNeedsValue({ name: t.name }), t.name);
    if (spec.type === 'string' && t.value !== undefined && t.value.trim() === '')
      throw new BanconeError('CLI_USAGE', msg.cli.optionEmpty({ name: t.name }), t.name);
    if (!spec.multiple && parsed.tokens.some((o) => o.kind === 'option' && o.name === t.name && o.index > t.index))
      throw new BanconeError('CLI_USAGE', msg.cli.optionRepeated({ name: t.name }), t.name);
  }
  if (max !== 'any') noMoreThan(parsed.positionals, max);
  return {
    values: parsed.values as ReturnType<typeof parseArgs<{ args: string[]; options: typeof all; allowPositionals: true; strict: true }>>['values'],
    positionals: parsed.positionals,
  };
}

/** Refuses the first bare word past the `max` a command (or subcommand) takes. */
export function noMoreThan(positionals: readonly string[], max: number): void {
  const extra = positionals[max];
  if (extra !== undefined)
    throw new BanconeError('CLI_USAGE', msg.cli.argumentUnexpected({ argument: extra }), 'arguments');
}
