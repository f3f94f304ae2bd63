// Secrets never on the command line (issue #10 item 3), as a user meets it: a real `bancone` process
// refuses `--token`, `--password`, `--pin` in every spelling, saying how to pass the secret instead,
// before it saves or sends anything; `--help` and the README never show a secret as an argument.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, spawnCli, tempDataDir, ledgerCounts } from './helpers.js';

let dir: string;
beforeAll(() => { dir = tempDataDir('training'); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Only 127.0.0.1 (a closed port): nothing may leave the machine even if a refusal failed.
const offline = { BANCONE_OPENAPI_URL: 'http://127.0.0.1:9' };

describe('secrets on the command line', () => {
  it.each([
    [['--token', 'tok-secret-1'], 'token', '--token-file FILE, --token-stdin o BANCONE_OPENAPI_TOKEN'],
    [['--token=tok-secret-1'], 'token', '--token-file FILE, --token-stdin o BANCONE_OPENAPI_TOKEN'],
    [['--password', 'Segreta!2026'], 'password', '--password-file FILE, --secrets-stdin o BANCONE_ADE_PASSWORD'],
    [['--pin=12345678'], 'pin', '--pin-file FILE, --secrets-stdin o BANCONE_ADE_PIN'],
  ])('`bancone onboard %s` is refused, saying how to pass it, and nothing is saved', async (argv, secret, how) => {
    const r = await spawnCli(dir, ['onboard', '--email', 'a@b.it', '--tax-code', 'RSSMRA80A01H501U', ...argv], '', offline);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Errore [CLI_SECRET_ON_ARGV]: --${secret} non si accetta più: sulla riga di comando il segreto è leggibile da ogni utente della macchina. Usare ${how}. Niente è stato salvato né inviato.\n`);
    expect(ledgerCounts(dir).audit_log).toBe(0);
  });

  it('`bancone onboard --help` and the README show secrets only as files, stdin, the environment or a prompt', async () => {
    const help = await spawnCli(dir, ['onboard', '--help']);
    expect(help.code).toBe(0);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const text of [help.stdout, readme]) {
      expect(text).not.toMatch(/--(token|password|pin)(?![-\w])/);
    }
    expect(help.stdout).toContain('--token-file FILE');
    expect(help.stdout).toContain('--secrets-stdin');
  });
});
