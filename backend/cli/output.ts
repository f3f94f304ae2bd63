import { BanconeError, toErrorInfo } from '../../shared/errors.js';
import type { CliContext } from './command.js';
import { msg, textOf } from '../../shared/messages/index.js';

export function printJson(ctx: CliContext, v: unknown): void {
  ctx.stdout(JSON.stringify(v, null, 2) + '\n');
}

/** Errors go to stderr in the chosen language; with --json also as a JSON object on stdout. */
export function printError(ctx: Pick<CliContext, 'stderr' | 'stdout' | 'lang'>, e: unknown, json: boolean): void {
  const info = toErrorInfo(e);
  if (json) ctx.stdout(JSON.stringify({ error: info }, null, 2) + '\n');
  ctx.stderr(`${msg.cli.errorLine({ code: info.code, words: textOf({ message: info.message, messageEn: info.message_en }) })[ctx.lang]}\n`);
}

/** Reads a JSON argument that is a file path or "-" for standard input. */
export async function readJsonArg(ctx: CliContext, source: string): Promise<unknown> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = source === '-' ? await ctx.readStdin() : await readFile(source, 'utf8');
  } catch {
    throw new BanconeError('FILE_NOT_READABLE', msg.cli.fileNotReadable({ file: source }), 'json');
  }
  // A UTF-8 BOM (Windows Notepad saves one) is not content: RFC 8259 §8.1 lets a parser ignore it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BanconeError('JSON_INVALID', msg.cli.jsonInvalid({ source, detail: (e as Error).message }), 'json');
  }
}
