// `bancone onboard` and `bancone sync` as a shop would run them, against the emulator.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, statSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../backend/cli/main.js';
import type { CliIO } from '../../../backend/cli/command.js';
import { startEmulator, type Emulator } from '../../../emulators/openapi/index.js';
import { openDatabase } from '../../../backend/db/open.js';
import { commitSale } from '../../../backend/ledger/index.js';
import type { Clock } from '../../../shared/time.js';
import { fiscalShopFile } from '../../fixtures/fiscal-shop.js';
import { keysDir } from '../../../backend/keyring/data-key.js';

const at10 = new Date();
at10.setUTCHours(10, 0, 0, 0);
const offset = at10.getTime() - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + offset) };

let emu: Emulator;
let dir: string;
let env: Record<string, string>;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliIn('', ...argv);
}

async function cliIn(stdin: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => stdin };
  const code = await runCli(argv, io, env, clock);
  return { code, out, err };
}

beforeAll(async () => {
  emu = await startEmulator({ token: 'shop-token', clock, readyDelayMs: 50 });
  dir = mkdtempSync(join(tmpdir(), 'bancone-cli-sync-'));
  fiscalShopFile(join(dir, 'bancone.db'));
  env = {
    BANCONE_DATA_DIR: dir,
    BANCONE_OPENAPI_URL: emu.url,
    // Set but empty, as a shell profile may leave it: counts as unset (the stored token is used).
    BANCONE_OPENAPI_TOKEN: '',
    BANCONE_SYNC_TUNING: JSON.stringify({ pollFirstMs: 40, pollBackoffMaxMs: 200, sendBackoffBaseMs: 20, lookupDelayMs: 100 }),
  };
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bancone onboard / sync', () => {
  it('sync refuses to run before onboarding, saying what is missing', async () => {
    const r = await cli('sync', '--once');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/SYNC_NOT_CONFIGURED.*partita IVA.*token Openapi/);
  });

  it('onboard refuses a secret on the command line (readable by anyone in /proc): nothing saved, nothing sent', async () => {
    for (const argv of [['--token', 'shop-token'], ['--token=shop-token'], ['--password', 'Segreta!2026'], ['--pin', '12345678']]) {
      const r = await cli('onboard', '--fiscal-id', '12345678903', '--name', 'Bottega Rossi', '--address', 'Via Roma 1, Torino', '--email', 'bottega@example.com',
        '--tax-code', 'RSSMRA80A01H501U', ...argv);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/CLI_SECRET_ON_ARGV/);
      expect(r.err).toMatch(/non si accetta più: sulla riga di comando il segreto è leggibile da ogni utente della macchina\. Usare --\w+-file FILE/);
      expect(r.err).not.toContain('shop-token');
    }
    expect(emu.requests()).toEqual([]);
    const db = openDatabase(join(dir, 'bancone.db'));
    expect(db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'shop.%'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('onboard creates the IT-configuration with receipts enabled, secrets from stdin, stored encrypted', async () => {
    const r = await cliIn(JSON.stringify({ token: 'shop-token', password: 'Segreta!2026', pin: '12345678' }),
      'onboard', '--fiscal-id', '12345678903', '--name', 'Bottega Rossi', '--address', 'Via Roma 1, Torino', '--email', 'bottega@example.com',
      '--tax-code', 'RSSMRA80A01H501U', '--secrets-stdin', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ created: true, fiscal_id: '12345678903', receipts: true });
    expect(out.credentials.daysLeft).toBe(90);
    expect(emu.configurations()[0]).toMatchObject({ fiscal_id: '12345678903', receipts: true, receipts_authentication: { taxCode: 'RSSMRA80A01H501U' } });
    const db = openDatabase(join(dir, 'bancone.db'));
    const stored = JSON.stringify(db.prepare('SELECT * FROM secrets').all()) + JSON.stringify(db.prepare('SELECT * FROM settings').all()) + JSON.stringify(db.prepare('SELECT * FROM sync_state').all());
    db.close();
    expect(stored).not.toContain('shop-token');
    expect(stored).not.toContain('Segreta!2026');
    expect(stored).not.toContain('12345678"');
    expect(stored).not.toContain('RSSMRA80A01H501U');
    // The key is not beside the data (issue #10): in the user's config folder, 0600 (no OS keyring in the tests).
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    expect(statSync(join(keysDir(process.env), readFileSync(join(dir, 'key-id'), 'utf8').trim())).mode & 0o777).toBe(0o600);
  });

  it('onboarding again updates the configuration: the token read from stdin, password and PIN from files', async () => {
    writeFileSync(join(dir, 'password.txt'), 'Nuova!2026\n', { mode: 0o600 });
    writeFileSync(join(dir, 'pin.txt'), '87654321\n', { mode: 0o600 });
    const r = await cliIn('shop-token\n', 'onboard', '--tax-code', 'RSSMRA80A01H501U', '--token-stdin',
      '--password-file', join(dir, 'password.txt'), '--pin-file', join(dir, 'pin.txt'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Openapi \(http:\/\/127\.0\.0\.1:\d+\) accetta il token: 1 azienda registrata con questo account\.\n/);
    expect(r.out).toMatch(/Registrazione aggiornata su Openapi per la Partita IVA 12345678903: scontrini elettronici attivi\. Credenziali AdE valide fino al/);
    expect(emu.configurations()).toHaveLength(1);
    const patch = emu.configurationBodies().at(-1)!;
    expect(patch).toEqual({ method: 'PATCH', path: '/IT-configurations/12345678903', body: { receipts: true, receipts_authentication: { taxCode: 'RSSMRA80A01H501U', password: 'Nuova!2026', pin: '87654321' } } });
  });

  it('onboarding at a terminal asks for what is missing without it ever being an argument', async () => {
    const asked: string[] = [];
    const answers: Record<string, string> = { 'Password Fisconline/Entratel: ': 'Terza!2026', 'PIN Fisconline/Entratel: ': '11223344' };
    let out = '';
    let err = '';
    const code = await runCli(['onboard', '--tax-code', 'RSSMRA80A01H501U'], {
      stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: async () => '',
      promptSecret: async (label) => { asked.push(label); return answers[label] ?? null; },
    }, env, clock);
    expect(err).toBe('');
    expect(code).toBe(0);
    // The stored token is used: only the AdE password and PIN are asked.
    expect(asked).toEqual(['Password Fisconline/Entratel: ', 'PIN Fisconline/Entratel: ']);
    expect(out).toMatch(/Registrazione aggiornata/);
    expect(emu.configurationBodies().at(-1)!.body).toMatchObject({ receipts_authentication: { password: 'Terza!2026', pin: '11223344' } });
  });

  it('sync --once sends the queue and prints a JSON summary of counts', async () => {
    const db = openDatabase(join(dir, 'bancone.db'));
    for (let i = 0; i < 5; i++) {
      commitSale(db, clock, { lines: [{ description: `Articolo ${i}`, unit_price_cents: 150 + i, vat_code: '22', quantity: 2 }], payments: [{ method: 'electronic', amount_cents: 2 * (150 + i) }] });
    }
    db.close();
    const r = await cli('sync', '--once', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ drained: true, stopped: null, sent: 5, ready: 5, failed: 0, counts: { pending: 0, in_flight: 0, unknown: 0, ready: 5, failed: 0 } });
    expect(emu.receipts()).toHaveLength(5);
    const again = JSON.parse((await cli('sync', '--once', '--json')).out);
    expect(again).toMatchObject({ sent: 0, counts: { ready: 5 } });
    expect(emu.receipts()).toHaveLength(5);
  });

  it('sync --failed lists nothing; sync --pdf stores the AdE PDF by local number', async () => {
    expect(JSON.parse((await cli('sync', '--failed', '--json')).out)).toEqual([]);
    const db = openDatabase(join(dir, 'bancone.db'));
    const { number } = db.prepare(`SELECT number FROM documents ORDER BY created_at LIMIT 1`).get() as { number: string };
    db.close();
    const r = await cli('sync', '--pdf', number, '--json');
    expect(r.code).toBe(0);
    const { pdf } = JSON.parse(r.out);
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a rejected token stops the queue: exit code 3 and auth_required in the summary', async () => {
    emu.setToken('another-token');
    const db = openDatabase(join(dir, 'bancone.db'));
    commitSale(db, clock, { lines: [{ description: 'Pane', unit_price_cents: 300, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 300 }] });
    db.close();
    const r = await cli('sync', '--once', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ stopped: 'auth', auth_required: true, counts: { pending: 1 } });
    const text = await cli('sync', '--once');
    expect(text.out).toMatch(/FERMO: token Openapi non valido o scaduto/);
    emu.setToken('shop-token');
  });

  it('sync --cancel takes a sale that never reached the AdE out of the queue, with a reason; never one that did', async () => {
    const db = openDatabase(join(dir, 'bancone.db'));
    const sale = commitSale(db, clock, { lines: [{ description: 'Pane', unit_price_cents: 300, vat_code: '4', quantity: 1 }], payments: [{ method: 'electronic', amount_cents: 300 }] });
    const sent = db.prepare(`SELECT d.number FROM documents d JOIN outbox o ON o.document_id = d.id WHERE o.state = 'ready' LIMIT 1`).pluck().get() as string;
    db.close();
    const noReason = await cli('sync', '--cancel', sale.number);
    expect(noReason.code).toBe(1);
    expect(noReason.err).toMatch(/--reason: scrivere il motivo/);
    const r = await cli('sync', '--cancel', sale.number, '--reason', 'Vendita registrata due volte', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ document_id: sale.id, state: 'cancelled', cancelled: [sale.id] });
    const atAde = await cli('sync', '--cancel', sent, '--reason', 'prova');
    expect(atAde.code).toBe(1);
    expect(atAde.err).toMatch(/già arrivato all'Agenzia delle Entrate/);
    // Whatever the queue does next, it never sends it.
    await cli('sync', '--once', '--json');
    const check = openDatabase(join(dir, 'bancone.db'));
    expect(check.prepare('SELECT state FROM outbox WHERE document_id = ?').pluck().get(sale.id)).toBe('cancelled');
    check.close();
    expect(emu.receipts().some((x) => x.tags.includes(sale.id))).toBe(false);
  });

  it('usage errors are explained', async () => {
    const r = await cli('sync', '--once', '--watch');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Indicare una sola azione/);
  });
});
