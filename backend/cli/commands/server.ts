// `bancone server`: the shop server (server/, issue #14) on PostgreSQL — DATABASE_URL, else the
// embedded one in its data folder. `bancone server pair` prints a one-time pairing code for a till.
import { join } from 'node:path';
import type { CliContext, Command } from '../command.js';
import { parse, noMoreThan } from '../args.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { openServerDb } from '../../../server/db/pool.js';
import { startHttpServer } from '../../../server/http.js';
import { createPairingCode, PAIRING_MINUTES, revokeTill } from '../../../server/pairing.js';
import { backofficeAddress, ensureAdminToken } from '../../../server/backoffice/token.js';
import { importCatalogToShop } from '../../../server/master/catalog-import.js';
import { importSummary } from '../../catalog/csv-import.js';

export const serverCommand: Command = {
  name: 'server',
  summary: 'Server del negozio su PostgreSQL (abbinamento delle casse) / shop server',
  usage: 'bancone server [--data-dir CARTELLA] [--port PORTA] [--host 127.0.0.1]  |  bancone server pair [--shop NOME] [--data-dir CARTELLA]' +
    '  |  bancone server catalog import --shop NOME FILE.csv [--skip-bad] [--data-dir CARTELLA]' +
    '  |  bancone server revoke CASSA --shop NOME [--data-dir CARTELLA]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, shop: { type: 'string' }, 'skip-bad': { type: 'boolean' },
    }, 3);
    const dataDir = values['data-dir'] ?? join(ctx.config.dataDir, 'server');
    const sub = positionals[0];
    if (sub === 'catalog') return serverCatalogImport(this.usage, positionals, values, dataDir, ctx);
    if (sub === 'revoke') {
      const tillCode = positionals[1];
      if (tillCode === undefined || positionals.length !== 2 || !values.shop) throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
      const db = await openServerDb(dataDir, ctx.env);
      try {
        await revokeTill(db.pool, values.shop, tillCode, ctx.clock);
        ctx.stdout(`${msg.server.tillRevoked({ tillCode: tillCode.toUpperCase(), shop: values.shop })[ctx.lang]}\n`);
      } finally {
        await db.close();
      }
      return 0;
    }
    if (sub !== undefined && sub !== 'pair') noMoreThan(positionals, 0);
    if (sub === 'pair') noMoreThan(positionals, 1);
    if (sub === 'pair') {
      const db = await openServerDb(dataDir, ctx.env);
      try {
        const p = await createPairingCode(db.pool, values.shop ?? 'Negozio', ctx.clock);
        if (values.json) ctx.stdout(JSON.stringify({ code: p.code, shop: p.shop, expires_at: p.expiresAt.toISOString() }) + '\n');
        else ctx.stdout(`${msg.server.pairCode({ code: p.code, shop: p.shop, minutes: PAIRING_MINUTES })[ctx.lang]}\n`);
      } finally {
        await db.close();
      }
      return 0;
    }
    const port = values.port === undefined ? 8470 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new BanconeError('CLI_USAGE', msg.cli.invalidArguments({ detail: `--port ${values.port}` }), 'port');
    const db = await openServerDb(dataDir, ctx.env);
    // The back office's token: made on the first start (0600 in the data folder), the same afterwards.
    const adminToken = ensureAdminToken(dataDir);
    const http = await startHttpServer({ pool: db.pool, clock: ctx.clock, host: values.host ?? '127.0.0.1', port, adminToken });
    ctx.stdout(`${msg.server.listening({ url: http.url })[ctx.lang]}\n`);
    // In the address's fragment: a browser never sends it in a request, so no log ever holds it.
    ctx.stdout(`${msg.backoffice.address({ url: backofficeAddress(http.url, adminToken) })[ctx.lang]}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await http.close();
    await db.close();
    return 0;
  },
};

// ─── srv-master: `bancone server catalog import --shop NOME FILE.csv` (seeds a shop's catalogue) ───
async function serverCatalogImport(usage: string, positionals: string[], values: { shop?: string; 'skip-bad'?: boolean; json?: boolean }, dataDir: string, ctx: CliContext): Promise<number> {
  const file = positionals[2];
  if (positionals[1] !== 'import' || file === undefined || positionals.length !== 3 || !values.shop)
    throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage }));
  const db = await openServerDb(dataDir, ctx.env);
  try {
    const shop = (await db.pool.query<{ id: string }>('SELECT id FROM shops WHERE name = $1', [values.shop])).rows[0];
    if (!shop) throw new BanconeError('NOT_FOUND', msg.master.shopNotFound({ shopId: values.shop }), 'shop');
    const { report } = await importCatalogToShop(db.pool, ctx.clock, String(shop.id), file, { skipBad: values['skip-bad'] === true });
    if (values.json) ctx.stdout(JSON.stringify(report) + '\n');
    else {
      for (const e of report.errors) ctx.stderr(`${ctx.lang === 'en' ? e.message_en : e.message}\n`);
      ctx.stdout(`${importSummary(report, ctx.lang)}\n`);
    }
    return report.applied ? 0 : 1;
  } finally {
    await db.close();
  }
}
