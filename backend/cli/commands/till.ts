// `bancone till join URL CODE`: pairs this till with a shop server (issue #14), through the same
// joinShopServer as Settings' «Abbina» (backend/shop-link/join.ts): the till code and the shop's name
// go in the settings, the token in the encrypted secrets; on a refusal nothing is stored.
import type { Command } from '../command.js';
import { parse, noMoreThan } from '../args.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { dataDirKeyProvider } from '../../secrets.js';
import { joinShopServer } from '../../shop-link/join.js';
import { printJson } from '../output.js';
import { shopLinkStatus, shopLinkStatusText } from '../../shop-link/status.js';

export { SERVER_TOKEN_SECRET } from '../../shop-link/join.js';

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
    const joined = await joinShopServer({
      db: () => ctx.db(),
      keys: dataDirKeyProvider(ctx.config.dataDir, { env: ctx.env }),
      clock: ctx.clock,
      fetch: (url, init) => fetch(url, init),
    }, rawUrl, code);
    ctx.stdout(`${msg.server.joined({ tillCode: joined.tillCode, shop: joined.shopName, url: joined.url })[ctx.lang]}\n`);
    return 0;
  },
};
