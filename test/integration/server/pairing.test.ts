// Pairing end to end through real processes: `bancone server` (its embedded PostgreSQL in a temp
// folder), `bancone server pair`, `bancone till join` on two tills' data folders. Then the tables
// are read: codes and tokens are stored only as digests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../server/db/embedded.js';
import { createPairingCode, PAIRING_MINUTES } from '../../../server/pairing.js';
import { fakeClock } from '../../../shared/time.js';
import { BIN, ROOT, spawnCli, withLedger } from '../cli/helpers.js';
import { dataDirKeyProvider, getSecret } from '../../../backend/secrets.js';

const dirs: string[] = [];
const temp = (what: string) => { const d = mkdtempSync(join(tmpdir(), `bancone-${what}-`)); dirs.push(d); return d; };

let serverDir: string;
let server: ChildProcess;
let url: string;
let pool: pg.Pool;
let stopPg: () => Promise<void>;

beforeAll(async () => {
  serverDir = temp('server');
  server = spawn(process.execPath, [BIN, 'server', '--data-dir', serverDir, '--port', '0'], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? serverDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Up when it says where it listens; if it exits first, its output says why.
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /in ascolto su (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`bancone server exited (${code}) before listening:\n${out}`)));
  });
  // The same cluster, attached while the server runs (stop() leaves it running).
  const db = await startEmbeddedPostgres(serverDir);
  stopPg = db.stop;
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on('error', () => undefined); // an idle client told to go when the server's PostgreSQL stops at the end
});

afterAll(async () => {
  await pool?.end();
  await stopPg?.();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** Every row of the table as text (hex for bytea): what someone with a copy of the database reads. */
const dump = async (table: string) => (await pool.query<{ t: string }>(`SELECT t::text AS t FROM ${table} t`)).rows.map((r) => r.t).join('\n');
/** The till's server settings and secrets; none when the refusal left it without even a ledger. */
const hasLedger = (dir: string) => existsSync(join(dir, 'bancone.db'));
const tillSettings = (dir: string) => (hasLedger(dir) ? withLedger(dir, (db) =>
  db.prepare("SELECT key, value FROM settings WHERE key LIKE 'server.%' ORDER BY key").all()) : []);
const tillSecrets = (dir: string) => (hasLedger(dir) ? withLedger(dir, (db) => db.prepare("SELECT name FROM secrets WHERE name LIKE 'server.%'").all()) : []);

describe('pairing a till with the shop server', () => {
  it('GET /health answers', async () => {
    const r = await fetch(`${url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });

  it('a code printed by `bancone server pair` pairs one till, once; the second till is refused and stores nothing', async () => {
    const pair = await spawnCli(temp('pairer'), ['server', 'pair', '--data-dir', serverDir, '--shop', 'Forno Rossi']);
    expect(pair.code, pair.stderr).toBe(0);
    expect(pair.stdout).toContain('Codice di abbinamento per il negozio «Forno Rossi»:');
    expect(pair.stdout).toContain(`Vale una volta sola, per ${PAIRING_MINUTES} minuti.`);
    const code = /: ([A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(pair.stdout)![1]!;

    const tillA = temp('till-a');
    const joined = await spawnCli(tillA, ['till', 'join', url, code]);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toBe(`Cassa abbinata al negozio «Forno Rossi» come C1 (server ${url}). Il token di accesso è conservato cifrato.\n`);
    expect(tillSettings(tillA)).toEqual([{ key: 'server.shopName', value: '"Forno Rossi"' }, { key: 'server.tillCode', value: '"C1"' }, { key: 'server.url', value: JSON.stringify(url) }]);

    // The token is on the till, encrypted (readable only with the till's data key), and on the server only as its digest.
    const token = withLedger(tillA, (db) => getSecret(db as never, dataDirKeyProvider(tillA), 'server.token'))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(withLedger(tillA, (db) => JSON.stringify(db.prepare('SELECT * FROM secrets').all()))).not.toContain(token);
    const tokens = await dump('till_tokens');
    expect(tokens).not.toContain(token);
    expect(tokens).not.toContain(Buffer.from(token).toString('hex'));
    expect(tokens).toContain(sha256(token));
    const codes = await dump('pairing_codes');
    expect(codes).not.toContain(code.replace('-', ''));
    expect(codes).not.toContain(Buffer.from(code.replace('-', '')).toString('hex'));
    expect(codes).toContain(sha256(code.replace('-', '')));
    expect((await pool.query("SELECT s.name, t.code FROM tills t JOIN shops s ON s.id = t.shop_id")).rows).toEqual([{ name: 'Forno Rossi', code: 'C1' }]);

    const tillB = temp('till-b');
    const again = await spawnCli(tillB, ['till', 'join', url, code]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Errore [PAIR_CODE_USED]: Codice di abbinamento: è già stato usato (vale una volta sola); chiederne uno nuovo sul server con «bancone server pair»\n');
    expect(tillSettings(tillB)).toEqual([]);
    expect(tillSecrets(tillB)).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM tills')).rows[0].n).toBe(1);
  });

  it('an expired code is refused in Italian, naming the code, and nothing is stored on the till or the server', async () => {
    // Made 16 minutes ago (the clock is injected): expired a minute ago.
    const old = await createPairingCode(pool, 'Forno Rossi', fakeClock(new Date(Date.now() - (PAIRING_MINUTES + 1) * 60_000)));
    const till = temp('till-c');
    const tillsBefore = (await pool.query('SELECT count(*)::int AS n FROM tills')).rows[0].n;
    const r = await spawnCli(till, ['till', 'join', url, old.code, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: {
      code: 'PAIR_CODE_EXPIRED', field: 'code',
      message: 'Codice di abbinamento: è scaduto; chiederne uno nuovo sul server con «bancone server pair»',
      message_en: 'Pairing code: expired; ask the server for a new one with «bancone server pair»',
    } });
    expect(tillSettings(till)).toEqual([]);
    expect(tillSecrets(till)).toEqual([]);
    expect((await pool.query('SELECT count(*)::int AS n FROM tills')).rows[0].n).toBe(tillsBefore);
    expect((await pool.query('SELECT used_at FROM pairing_codes WHERE expires_at = $1', [old.expiresAt])).rows).toEqual([{ used_at: null }]);
  });

  it('a request body that is not the schema is refused naming the field', async () => {
    const r = await fetch(`${url}/pair`, { method: 'POST', body: JSON.stringify({ cod: 'ABCD-EFGH' }) });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: { code: 'REQUEST_INVALID', field: 'code' } });
  });
});
