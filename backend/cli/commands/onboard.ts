// `bancone onboard`: registers the shop on Openapi (IT-configuration with receipts enabled and the
// AdE credentials), stores the token and credentials encrypted, and remembers the fiscal id.
// Run it again with new credentials every 90 days.
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { BanconeError } from '../../../shared/errors.js';
import { dataDirKeyProvider } from '../../secrets.js';
import { onboard } from '../../sync/onboarding.js';
import { z } from 'zod';
import { msg } from '../../../shared/messages/index.js';

const USAGE = `bancone onboard --fiscal-id PIVA --name NOME --email EMAIL [--token TOKEN] [--url URL]
                [--tax-code CF --password PASSWORD --pin PIN | --credentials-stdin] [--callback-url URL] [--json]

  Le credenziali AdE (Fisconline/Entratel) si possono dare anche con BANCONE_ADE_TAX_CODE,
  BANCONE_ADE_PASSWORD, BANCONE_ADE_PIN o come JSON su stdin {"tax_code","password","pin"}
  (--credentials-stdin), per non lasciarle nella cronologia della shell.
  URL predefinito: la sandbox https://test.invoice.openapi.com.`;

const StdinCredentials = z.strictObject({ tax_code: z.string(), password: z.string(), pin: z.string() });

export const onboardCommand: Command = {
  name: 'onboard',
  summary: 'Registra il negozio su Openapi (scontrini elettronici, credenziali AdE) / onboard on Openapi',
  usage: USAGE,
  async run(argv, ctx) {
    const { values } = parse(argv, {
      'fiscal-id': { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, token: { type: 'string' },
      url: { type: 'string' }, 'tax-code': { type: 'string' }, password: { type: 'string' }, pin: { type: 'string' },
      'credentials-stdin': { type: 'boolean' }, 'callback-url': { type: 'string' },
    }, false);
    let creds: { tax_code?: string; password?: string; pin?: string } = {
      tax_code: values['tax-code'] ?? ctx.env.BANCONE_ADE_TAX_CODE,
      password: values.password ?? ctx.env.BANCONE_ADE_PASSWORD,
      pin: values.pin ?? ctx.env.BANCONE_ADE_PIN,
    };
    if (values['credentials-stdin']) {
      let parsed: unknown;
      try { parsed = JSON.parse(await ctx.readStdin()); } catch { parsed = null; }
      const r = StdinCredentials.safeParse(parsed);
      if (!r.success) throw new BanconeError('CLI_USAGE', msg.cli.credentialsInvalid, 'credentials');
      creds = r.data;
    }
    const fiscalId = values['fiscal-id'] ?? ctx.env.BANCONE_FISCAL_ID;
    if (!fiscalId || !values.name || !values.email)
      throw new BanconeError('CLI_USAGE', msg.cli.onboardMissing({ usage: USAGE }));
    const r = await onboard(
      { db: ctx.db(), clock: ctx.clock, fetch: globalThis.fetch, keys: dataDirKeyProvider(ctx.config.dataDir), env: ctx.env },
      {
        fiscal_id: fiscalId, name: values.name, email: values.email,
        ...(values.token ? { token: values.token } : {}),
        ...(values.url ? { base_url: values.url } : {}),
        ...(values['callback-url'] ? { callback_url: values['callback-url'] } : {}),
        ...(creds.tax_code !== undefined ? { tax_code: creds.tax_code } : {}),
        ...(creds.password !== undefined ? { password: creds.password } : {}),
        ...(creds.pin !== undefined ? { pin: creds.pin } : {}),
      },
    );
    if (values.json) {
      printJson(ctx, { created: r.created, fiscal_id: r.configuration.fiscal_id, receipts: r.configuration.receipts ?? null, credentials: r.credentials, warnings: r.warnings });
      return 0;
    }
    ctx.stdout(`${r.created ? 'Configurazione creata' : 'Configurazione aggiornata'} su Openapi per ${r.configuration.fiscal_id} (${r.configuration.name ?? values.name}); scontrini ${r.configuration.receipts ? 'attivi' : 'NON attivi'}.\n`);
    if (r.credentials) ctx.stdout(`Credenziali AdE valide fino al ${new Date(r.credentials.expiresAt).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' })} (rinnovarle ogni 90 giorni).\n`);
    for (const w of r.warnings) ctx.stderr(`Attenzione: ${w}\n`);
    return 0;
  },
};
