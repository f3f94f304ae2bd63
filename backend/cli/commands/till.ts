// `bancone till join URL CODE`: pairs this till with a shop server (issue #14). The till code goes
// in the settings, the token in the encrypted secrets; on a refusal nothing is stored.
import type { Command } from '../command.js';
import { parse, noMoreThan } from '../args.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { PairResponseSchema, ServerErrorSchema } from '../../../shared/server-api.js';
import { setSetting } from '../../settings.js';
import { dataDirKeyProvider, putSecret } from '../../secrets.js';
import { printJson } from '../output.js';
import { shopLinkStatus, shopLinkStatusText } from '../../shop-link/status.js';

export const SERVER_TOKEN_SECRET = 'server.token';

export const tillCommand: Command = {
  name: 'till',
  summary: 'Abbina la cassa al server del negozio / join the shop server',
  usage: 'bancone till join URL CODICE\n       bancone till status [--json]      invio del giornale al server del negozio / journal upload status',
  async run(argv, ctx) {
    const { positionals, values } = parse(argv, {}, 3);
    if (positionals[0] === 'status' && positionals.length === 1) {
      // Where the journal's upload stands (issue #14): what the link loop last learnt, no network here.
      const s = shopLinkStatus(ctx.db());
      if (values.json) { printJson(ctx, s); return 0; }
      ctx.stdout(`${s ? shopLinkStatusText(s, ctx.lang) : msg.shopLink.notJoined[ctx.lang]}\n`);
      return 0;
    }
    if (positionals[0] !== 'join' || positionals.length !== 3)
      throw new BanconeError('CLI_USAGE', msg.cli.invalidArguments({ detail: this.usage }), 'arguments');
    noMoreThan(positionals, 3);
    const [, rawUrl, code] = positionals as [string, string, string];
    let url: URL;
    try { url = new URL(rawUrl); } catch { url = new URL('invalid:'); }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BanconeError('SERVER_URL_INVALID', msg.server.urlInvalid({ url: rawUrl }), 'url');
    const base = url.href.replace(/\/$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    } catch {
      throw new BanconeError('SERVER_UNREACHABLE', msg.server.unreachable({ url: base }), 'url');
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = ServerErrorSchema.safeParse(body);
      if (e.success) throw BanconeError.fromInfo(e.data.error);
      throw new BanconeError('SERVER_ANSWER_INVALID', msg.server.answerInvalid);
    }
    const ok = PairResponseSchema.safeParse(body);
    if (!ok.success) throw new BanconeError('SERVER_ANSWER_INVALID', msg.server.answerInvalid);
    const db = ctx.db();
    const keys = dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env });
    const now = ctx.clock.now();
    db.transaction(() => {
      putSecret(db, keys, SERVER_TOKEN_SECRET, ok.data.token, now);
      setSetting(db, 'server.url', base, now);
      setSetting(db, 'server.tillCode', ok.data.tillCode, now);
    })();
    ctx.stdout(`${msg.server.joined({ tillCode: ok.data.tillCode, shop: ok.data.shop.name, url: base })[ctx.lang]}\n`);
    return 0;
  },
};
