// The CLI is a thin layer: parse arguments → call the same services the UI uses → print.
import type { WritableDb } from '../db/types.js';
import type { RuntimeConfig, Env } from '../config.js';
import type { Clock } from '../../shared/time.js';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  /** Asks for a secret at the terminal without echoing it; absent when stdin is not a terminal. */
  promptSecret?: (label: string) => Promise<string | null>;
}

export interface CliContext extends CliIO {
  env: Env;
  clock: Clock;
  config: RuntimeConfig;
  /** Opens (and migrates) the ledger on first use; closed by the runner at exit. */
  db: () => WritableDb;
  lang: 'it' | 'en';
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}
