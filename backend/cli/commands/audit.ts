import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { documentDigest, verifyAudit } from '../../ledger/index.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verifica la catena del giornale di audit / verify the audit journal chain',
  usage: 'bancone audit verify [--json]',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {}, 1);
    if (positionals[0] !== 'verify') throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
    const db = ctx.db();
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const v = verifyAudit(db, (id) => documentDigest(db, id));
    const ok = v.ok && integrity === 'ok';
    if (values.json) printJson(ctx, { ok, integrity, entries: v.entries, last_hash: v.lastHash, problems: v.problems });
    else {
      ctx.stdout(`Database: ${integrity}\nGiornale: ${v.entries} voci, ultima impronta ${v.lastHash.slice(0, 16)}…\n`);
      for (const p of v.problems) ctx.stdout(`  voce ${p.seq}: ${p.problem}\n`);
      ctx.stdout(ok ? 'Catena integra.\n' : 'ATTENZIONE: catena NON integra.\n');
    }
    return ok ? 0 : 1;
  },
};
