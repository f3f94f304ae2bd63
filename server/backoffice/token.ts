// The back office's admin token: made on the server's first start in `<dataDir>/backoffice.token`
// (random, 0600, like the PostgreSQL password beside it) and read on every later start, so the
// address printed once keeps working. It travels in the address's fragment (#k=…), which browsers
// never put in a request line, so no access log ever holds it; the page sends it as a Bearer token.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ADMIN_TOKEN_FILE = 'backoffice.token';

/** The server's admin token, made (0600) when the data folder has none. */
export function ensureAdminToken(dataDir: string, random: (n: number) => Buffer = randomBytes): string {
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file)) {
    const t = readFileSync(file, 'utf8').trim();
    if (t.length >= 32) return t;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = random(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** «http://127.0.0.1:8470/#k=TOKEN»: what the shop's manager opens. */
export function backofficeAddress(serverUrl: string, token: string): string {
  return `${serverUrl}/#k=${encodeURIComponent(token)}`;
}
