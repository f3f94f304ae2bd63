// `bancone onboard`: the guided set-up's steps 1 and 2 from the command line, through the same
// backend/setup functions as the wizard: the shop (Partita IVA, name, address, regime), Openapi's
// environment and token, then the company registered (or updated) with the AdE credentials. Run it
// again with new credentials every 90 days.
// Secrets never come from the command line, where any local user reads them in /proc (issue #10):
// they come from a file, stdin, the environment, or a prompt that does not echo.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CliContext, Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { BanconeError } from '../../../shared/errors.js';
import { FISCAL_REGIMES } from '../../../shared/contract/setup.js';
import { dataDirKeyProvider, hasSecret } from '../../secrets.js';
import { getSetting } from '../../settings.js';
import { refuseIfServerOwned } from '../../shop-link/server-owned.js';
import { readState } from '../../sync/sync-state.js';
import { PRODUCTION_URL, SANDBOX_URL, TOKEN_SECRET } from '../../sync/config.js';
import { environmentOf, registerCompany, saveOpenapi, saveShop } from '../../setup/index.js';
import { msg } from '../../../shared/messages/index.js';
import type { CliSecret } from '../../../shared/messages/it.js';

const USAGE = `bancone onboard [--fiscal-id PIVA --name NOME --address INDIRIZZO [--shop-tax-code CF] [--regime RF01]]
                [--production | --sandbox | --url URL] --email EMAIL --tax-code CF_FISCONLINE
                [--token-file FILE] [--password-file FILE] [--pin-file FILE] [--secrets-stdin | --token-stdin]
                [--callback-url URL] [--json]

  I segreti (token Openapi, password e PIN Fisconline/Entratel) non si scrivono mai sulla riga di
  comando (chiunque sulla macchina li leggerebbe): si danno
    - in un file ciascuno: --token-file, --password-file, --pin-file;
    - su stdin: --token-stdin (il solo token) o --secrets-stdin (JSON {"token","password","pin"});
    - con le variabili BANCONE_OPENAPI_TOKEN, BANCONE_ADE_PASSWORD, BANCONE_ADE_PIN;
    - oppure la cassa li chiede, senza mostrarli, se si è al terminale.
  Un token già salvato resta valido: non serve ridarlo. Ambiente predefinito: la sandbox.`;

/**
 * Refuses `--token X`, `--token=X` (and the others: the secrets the old `onboard` took as arguments)
 * before anything else happens, saying where to put them instead; the field is the secret's name.
 */
export function refuseSecretsOnArgv(argv: string[]): void {
  for (const a of argv) {
    const m = /^--(token|password|pin)(=.*)?$/.exec(a);
    if (!m) continue;
    const secret = m[1] as CliSecret;
    throw new BanconeError('CLI_SECRET_ON_ARGV', msg.cli.secretOnArgv({ secret }), secret);
  }
}

const StdinSecrets = z.strictObject({ token: z.string().optional(), password: z.string().optional(), pin: z.string().optional(), tax_code: z.string().optional() });

function readSecretFile(path: string, field: string): string {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new BanconeError('CLI_SECRET_FILE', msg.cli.secretFileUnreadable({ field, path, cause: (e as NodeJS.ErrnoException).code ?? (e as Error).message }), field);
  }
  // Editors add a final newline; a secret never ends with one.
  const v = text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (v === '') throw new BanconeError('CLI_SECRET_FILE', msg.cli.secretFileEmpty({ field, path }), field);
  return v;
}

interface Secrets { token?: string; password?: string; pin?: string; tax_code?: string }

async function gatherSecrets(values: Record<string, string | boolean | undefined>, ctx: CliContext): Promise<Secrets> {
  const out: Secrets = {};
  if (values['secrets-stdin'] || values['credentials-stdin']) {
    let parsed: unknown;
    try { parsed = JSON.parse(await ctx.readStdin()); } catch { parsed = null; }
    const r = StdinSecrets.safeParse(parsed);
    if (!r.success) throw new BanconeError('CLI_USAGE', msg.cli.stdinSecretsInvalid, 'secrets');
    Object.assign(out, Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined)));
  } else if (values['token-stdin']) {
    const t = (await ctx.readStdin()).replace(/^\uFEFF/, '').trim();
    if (t === '') throw new BanconeError('CLI_USAGE', msg.cli.stdinTokenEmpty, 'token');
    out.token = t;
  }
  if (typeof values['token-file'] === 'string') out.token = readSecretFile(values['token-file'], 'token');
  if (typeof values['password-file'] === 'string') out.password = readSecretFile(values['password-file'], 'password');
  if (typeof values['pin-file'] === 'string') out.pin = readSecretFile(values['pin-file'], 'pin');
  out.token ??= ctx.env.BANCONE_OPENAPI_TOKEN || undefined;
  out.password ??= ctx.env.BANCONE_ADE_PASSWORD || undefined;
  out.pin ??= ctx.env.BANCONE_ADE_PIN || undefined;
  return out;
}

async function ask(ctx: CliContext, label: string): Promise<string | undefined> {
  if (!ctx.promptSecret) return undefined;
  const v = await ctx.promptSecret(label);
  return v === null || v === '' ? undefined : v;
}

export const onboardCommand: Command = {
  name: 'onboard',
  summary: 'Registra il negozio su Openapi (scontrini elettronici, credenziali AdE) / onboard on Openapi',
  usage: USAGE,
  async run(argv, ctx) {
    refuseSecretsOnArgv(argv);
    const { values } = parse(argv, {
      'fiscal-id': { type: 'string' }, name: { type: 'string' }, address: { type: 'string' }, 'shop-tax-code': { type: 'string' }, regime: { type: 'string' },
      email: { type: 'string' }, url: { type: 'string' }, production: { type: 'boolean' }, sandbox: { type: 'boolean' },
      'tax-code': { type: 'string' }, 'token-file': { type: 'string' }, 'password-file': { type: 'string' }, 'pin-file': { type: 'string' },
      'secrets-stdin': { type: 'boolean' }, 'credentials-stdin': { type: 'boolean' }, 'token-stdin': { type: 'boolean' }, 'callback-url': { type: 'string' },
    }, false);
    const db = ctx.db();
    const now = ctx.clock;
    const keys = dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env });
    const deps = { db, clock: now, keys, fetch: globalThis.fetch, env: ctx.env };
    const secrets = await gatherSecrets(values, ctx);

    // Step 1: the shop, when given (or not saved yet).
    const fiscalId = values['fiscal-id'] ?? ctx.env.BANCONE_FISCAL_ID;
    // A till joined to a shop server takes the shop's identity from it (backend/shop-link/pull.ts).
    if (fiscalId !== undefined) refuseIfServerOwned(db, 'fiscal-id');
    if (fiscalId !== undefined || getSetting(db, 'setup.shopDoneAt') === '') {
      if (!fiscalId || !values.name)
        throw new BanconeError('CLI_USAGE', msg.cli.onboardShopMissing({ usage: USAGE }), 'fiscal-id');
      const regime = values.regime ?? getSetting(db, 'shop.fiscalRegime');
      if (!(FISCAL_REGIMES as readonly string[]).includes(regime))
        throw new BanconeError('CLI_USAGE', msg.cli.onboardRegimeInvalid({ regime, allowed: FISCAL_REGIMES }), 'regime');
      saveShop(db, now, {
        name: values.name, vat_number: fiscalId,
        tax_code: values['shop-tax-code'] ?? fiscalId,
        address: values.address ?? getSetting(db, 'shop.address'),
        regime: regime as (typeof FISCAL_REGIMES)[number],
      }, null);
    }

    // Step 2a: environment and token, when either is given.
    const url = values.production ? PRODUCTION_URL : values.sandbox ? SANDBOX_URL : values.url;
    if (url !== undefined || secrets.token !== undefined || !readState(db, 'onboarding')) {
      const token = secrets.token ?? (hasSecret(db, TOKEN_SECRET) ? undefined : await ask(ctx, 'Token Openapi: '));
      const target = url ?? getSetting(db, 'openapi.url');
      const environment = environmentOf(target);
      const r = await saveOpenapi(deps, { environment, ...(environment === 'custom' ? { url: target } : {}), ...(token !== undefined ? { token } : {}) }, null);
      if (!values.json) ctx.stdout(`${r.message}\n`);
    }

    // Step 2b: the company, with the AdE credentials.
    const ob = readState(db, 'onboarding');
    const email = values.email ?? ob?.email;
    if (!email) throw new BanconeError('CLI_USAGE', msg.cli.onboardEmailRequired({ usage: USAGE }), 'email');
    const taxCode = values['tax-code'] ?? secrets.tax_code ?? ctx.env.BANCONE_ADE_TAX_CODE;
    if (!taxCode) throw new BanconeError('CLI_USAGE', msg.cli.onboardTaxCodeRequired({ usage: USAGE }), 'tax_code');
    const password = secrets.password ?? await ask(ctx, 'Password Fisconline/Entratel: ');
    const pin = secrets.pin ?? await ask(ctx, 'PIN Fisconline/Entratel: ');
    if (password === undefined || pin === undefined)
      throw new BanconeError('CLI_USAGE', msg.cli.onboardAdeSecretsRequired({ usage: USAGE }), password === undefined ? 'password' : 'pin');
    const r = await registerCompany(deps, { email, tax_code: taxCode, password, pin, ...(values['callback-url'] ? { callback_url: values['callback-url'] } : {}) }, null);
    if (values.json) {
      printJson(ctx, { created: r.created, fiscal_id: r.configuration.fiscal_id, receipts: r.configuration.receipts ?? null, credentials: r.credentials, message: r.message });
      return 0;
    }
    ctx.stdout(`${ctx.lang === 'en' ? r.message_en : r.message}\n`);
    return 0;
  },
};
