// Tiny, strict argument parsing on node:util parseArgs: unknown options are errors, not ignored.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BanconeError } from '../../shared/errors.js';
import { msg } from '../../shared/messages/index.js';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } }, allowPositionals, strict: true });
  } catch (e) {
    const m = (e as Error).message;
    throw new BanconeError('CLI_USAGE', msg.cli.invalidArguments({ detail: m }));
  }
}
