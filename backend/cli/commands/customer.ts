// `bancone customer add|list|import|export`: the customer book from the command line, through the
// same services as the screen (backend/customers), JSON in and out like `sale` and `catalog`.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { noMoreThan, parse } from '../args.js';
import { printJson, readJsonArg } from '../output.js';
import { saveCustomer, searchCustomers } from '../../customers/store.js';
import { exportCustomersCsv, importCustomersCsv } from '../../customers/csv.js';
import { decodeCsvBytes, ENCODING_LABELS } from '../../catalog/csv-decode.js';
import { appendAudit } from '../../ledger/audit.js';
import { CustomerSaveSchema } from '../../../shared/contract/customers.js';
import { parseInput } from '../../../shared/validation.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';

export const customerCommand: Command = {
  name: 'customer',
  summary: 'Clienti: aggiungi, elenca, importa, esporta / customers: add, list, import, export',
  usage: 'bancone customer add --input FILE|- [--json]\n' +
    '     bancone customer list [TESTO] [--inactive] [--json]\n' +
    '     bancone customer import FILE.csv [--skip-bad] [--json]\n' +
    '     bancone customer export [--out FILE.csv] [--active-only]\n\n' +
    'add: il cliente in JSON (campi come in FatturaPA), ad esempio\n' +
    '  {"kind":"company","denominazione":"Bar Sport Srl","partita_iva":"01234567897","codice_destinatario":"M5UXCR1",\n' +
    '   "indirizzo":"Via Roma","numero_civico":"1","cap":"20121","comune":"Milano","provincia":"MI"}\n' +
    '  {"kind":"person","nome":"Mario","cognome":"Rossi","codice_fiscale":"RSSMRA85T10A562S","pec":"mario@pec.it",…}\n' +
    '  campi: kind (person|company), denominazione, nome, cognome, codice_fiscale, partita_iva, paese_iva, codice_destinatario,\n' +
    '  pec, indirizzo, numero_civico, cap, comune, provincia, nazione (IT se manca), notes; "id" per modificarne uno.\n' +
    'list: per nome, codice fiscale o partita IVA (anche una parte); senza testo, tutti.\n' +
    'CSV: colonne id, tipo (persona/azienda), ragione sociale, nome, cognome, codice fiscale, partita iva, paese iva,\n' +
    '  codice destinatario, pec, indirizzo, numero civico, cap, comune, provincia, nazione, note, attivo (sì/no);\n' +
    '  separate da ; , o tabulazione; UTF-8, UTF-16 o Windows-1252. Una riga con l\'id, o con la partita IVA\n' +
    '  (o il codice fiscale) di un cliente esistente, lo aggiorna.',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {
      input: { type: 'string', short: 'i' }, 'skip-bad': { type: 'boolean' }, inactive: { type: 'boolean' },
      out: { type: 'string', short: 'o' }, 'active-only': { type: 'boolean' },
    }, 'any');
    const [sub, arg] = positionals;
    const json = values.json === true;
    const say = (t: { it: string; en: string }) => t[ctx.lang];

    if (sub === 'add') {
      noMoreThan(positionals, 1);
      if (!values.input) throw new BanconeError('CLI_USAGE', msg.customers.inputMissing({ usage: this.usage }), 'input');
      const { id, ...fields } = parseInput(CustomerSaveSchema, await readJsonArg(ctx, values.input));
      const db = ctx.db();
      const at = ctx.clock.now().toISOString();
      const c = db.transaction(() => {
        const saved = saveCustomer(db, id ?? null, fields, at);
        appendAudit(db, { at, actor: null, action: id ? 'customer.update' : 'customer.create', entityId: saved.id, payload: { name: saved.displayName, source: 'cli' } });
        return saved;
      }).immediate();
      if (json) printJson(ctx, c);
      else ctx.stdout(`${say(msg.customers.saved({ name: c.displayName, id: c.id, created: !id }))}\n`);
      return 0;
    }
    if (sub === 'list') {
      const found = searchCustomers(ctx.db(), positionals.slice(1).join(' '), 200, values.inactive === true);
      if (json) printJson(ctx, found);
      else for (const c of found) {
        const vat = c.idCodice ? `${c.idPaese}${c.idCodice}` : '';
        ctx.stdout(`${c.displayName.padEnd(36)} ${vat.padEnd(16)} ${(c.codiceFiscale ?? '').padEnd(16)} ${c.comune}${c.provincia ? ` (${c.provincia})` : ''}${c.active ? '' : ' [disattivato]'}  ${c.id}\n`);
      }
      return 0;
    }
    if (sub === 'import' && arg) {
      noMoreThan(positionals, 2);
      let bytes: Buffer;
      try { bytes = await readFile(arg); } catch {
        throw new BanconeError('FILE_NOT_READABLE', msg.cli.fileNotReadable({ file: arg }), 'file');
      }
      const file = decodeCsvBytes(bytes);
      const report = importCustomersCsv(ctx.db(), file.text, ctx.clock.now(), { skipBad: values['skip-bad'] === true, encoding: file.encoding });
      if (json) printJson(ctx, report);
      else {
        for (const e of report.errors) ctx.stderr(`${ctx.lang === 'en' ? e.message_en : e.message}\n`);
        ctx.stdout(`${say(msg.cli.importReadAs({ encoding: ENCODING_LABELS[file.encoding], delimiter: report.delimiter }))}\n`);
        if (report.ignored_columns.length > 0) ctx.stdout(`${say(msg.cli.importColumnsNotRead({ columns: report.ignored_columns }))}\n`);
        ctx.stdout(`${ctx.lang === 'en' ? report.summary_en : report.summary}\n`);
      }
      return report.applied ? 0 : 1;
    }
    if (sub === 'export') {
      noMoreThan(positionals, 1);
      const { csv } = exportCustomersCsv(ctx.db(), values['active-only'] !== true);
      if (values.out) await writeFile(values.out, csv, 'utf8');
      else ctx.stdout(csv);
      return 0;
    }
    throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
  },
};
