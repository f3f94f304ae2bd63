// Where the data lives and which outside services to use: settings table, then env overrides.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

export interface Env {
  [k: string]: string | undefined;
}

/** The OS app-data folder, as Electron's app.getPath('userData') would give for "Bancone". */
export function defaultDataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Bancone');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Bancone');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Bancone');
}

export interface RuntimeConfig {
  dataDir: string;
  dbFile: string;
  openapiUrl: string | undefined;
  openapiToken: string | undefined;
  fiscalId: string | undefined;
  printer: string | undefined;
}

export function resolveConfig(env: Env = process.env): RuntimeConfig {
  const dataDir = env.BANCONE_DATA_DIR && env.BANCONE_DATA_DIR.trim() !== '' ? env.BANCONE_DATA_DIR : defaultDataDir(env);
  return {
    dataDir,
    dbFile: join(dataDir, 'bancone.db'),
    openapiUrl: env.BANCONE_OPENAPI_URL || undefined,
    openapiToken: env.BANCONE_OPENAPI_TOKEN || undefined,
    fiscalId: env.BANCONE_FISCAL_ID || undefined,
    printer: env.BANCONE_PRINTER || undefined,
  };
}

export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
