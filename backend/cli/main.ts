// `bancone` entry point: dispatches to one command module; owns opening/closing the ledger.
import { openDatabase } from '../db/open.js';
import { ensureDataDir, resolveConfig, type Env } from '../config.js';
import { systemClock, type Clock } from '../../shared/time.js';
import type { WritableDb } from '../db/types.js';
import { commands } from './commands/index.js';
import type { CliContext, CliIO } from './command.js';
import { printError } from './output.js';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'bancone — cassa Bancone da riga di comando / Bancone till command line',
    '',
    'Uso / usage: bancone <comando> [opzioni]   (ogni comando accetta --help e --json)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Ambiente / environment: BANCONE_DATA_DIR, BANCONE_OPENAPI_URL, BANCONE_OPENAPI_TOKEN, BANCONE_FISCAL_ID,',
    '  BANCONE_PRINTER (es. tcp://127.0.0.1:9100), BANCONE_LANG (it|en)',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIO, env: Env = process.env, clock: Clock = systemClock): Promise<number> {
  const config = resolveConfig(env);
  let db: WritableDb | null = null;
  const ctx: CliContext = {
    ...io,
    env,
    clock,
    config,
    lang: env.BANCONE_LANG === 'en' ? 'en' : 'it',
    db: () => {
      if (!db) {
        ensureDataDir(config.dataDir);
        db = openDatabase(config.dbFile);
      }
      return db;
    },
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 1;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`Comando sconosciuto: ${name}\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.summary}\n\nUso: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, ctx);
  } catch (e) {
    printError(ctx, e, rest.includes('--json'));
    return 1;
  } finally {
    (db as WritableDb | null)?.close();
  }
}

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

// Run when executed directly (tsx backend/cli/main.ts or the bin wrapper).
const invokedDirectly = process.argv[1] !== undefined && /cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2), processIO).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
