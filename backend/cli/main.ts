// `bancone` entry point: dispatches to one command module (loaded only when it runs, see
// commands/index.ts); owns opening/closing the ledger. Built to out/cli/bancone.mjs by
// cli.vite.config.ts; bin/bancone.mjs runs that build, or this file through tsx in a checkout.
import { openDatabase } from '../db/open.js';
import { ensureDataDir, resolveConfig, type Env } from '../config.js';
import { systemClock, type Clock } from '../../shared/time.js';
import type { WritableDb } from '../db/types.js';
import { loadAllCommands, loadCommand } from './commands/index.js';
import type { CliContext, CliIO } from './command.js';
import { printError } from './output.js';
import { diskFullError } from '../db/disk-full.js';

async function helpText(): Promise<string> {
  const commands = await loadAllCommands();
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
    io.stdout(await helpText());
    return name ? 0 : 1;
  }
  const cmd = await loadCommand(name);
  if (!cmd) {
    io.stderr(`Comando sconosciuto: ${name}\n\n${await helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${cmd.summary}\n\nUso: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, ctx);
  } catch (e) {
    printError(ctx, diskFullError(e, config.dbFile) ?? e, rest.includes('--json'));
    return 1;
  } finally {
    (db as WritableDb | null)?.close();
  }
}

/** Reads one line from the terminal with echo off (secrets: never on the command line, never on screen). */
function promptSecret(label: string): Promise<string | null> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(label);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (v: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      resolve(v);
    };
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  ...(process.stdin.isTTY ? { promptSecret } : {}),
};

// Run when executed directly: `tsx backend/cli/main.ts`, or `node out/cli/bancone.mjs` (the build).
// bin/bancone.mjs and the app's `--cli` import it and call runCli themselves.
const invokedDirectly = process.argv[1] !== undefined && /cli[\\/](main\.(ts|js)|bancone\.mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2), processIO).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e); process.exitCode = 1; },
  );
}
