import type { Command } from '../command.js';
import { noMoreThan, parse } from '../args.js';
import { printJson } from '../output.js';
import { importSummary } from '../../catalog/csv-import.js';
import { importCatalogFile } from '../../catalog/csv-import-file.js';
import { refuseIfServerOwned } from '../../shop-link/server-owned.js';
import { ENCODING_LABELS } from '../../catalog/csv-decode.js';
import { searchProducts } from '../../catalog/products.js';
import { BanconeError } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';
import { msg, textOf, type Text } from '../../../shared/messages/index.js';

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'Catalogo: importa un CSV o cerca prodotti / catalog: import a CSV or search products',
  usage: 'bancone catalog import FILE.csv [--skip-bad] [--json]\n     bancone catalog search TESTO [--json]\n\n' +
    'Colonne CSV (italiane o inglesi, separate da ; , o tabulazione; UTF-8, UTF-16 o Windows-1252):\n' +
    '  codice (sku), descrizione (description), prezzo (price: 12,50 · € 1.234,50 · 12.50), iva (vat_code: 22, 10, 4, N2…),\n' +
    '  reparto (department: codice o nome di un reparto esistente), iva reparto (department_vat: crea il reparto se manca),\n' +
    '  codice a barre / ean (barcode: più codici separati da |), a peso (sold_by_weight: sì/no)',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { 'skip-bad': { type: 'boolean' } }, 'any');
    if (positionals[0] === 'import') noMoreThan(positionals, 2);
    const [sub, arg] = positionals;
    if (sub === 'import' && arg && positionals.length === 2) {
      refuseIfServerOwned(ctx.db(), 'FILE.csv');
      const file = importCatalogFile(ctx.db(), arg, ctx.clock.now(), { skipBad: values['skip-bad'] === true });
      const report = file.report;
      if (values.json) printJson(ctx, report);
      else {
        const say = (t: Text) => t[ctx.lang];
        for (const e of report.errors) ctx.stderr(`${ctx.lang === 'en' ? e.message_en : e.message}\n`);
        for (const n of report.notices) ctx.stderr(`${say(msg.cli.importNotice({ words: textOf({ message: n.message, messageEn: n.message_en }) }))}\n`);
        ctx.stdout(`${say(msg.cli.importReadAs({ encoding: ENCODING_LABELS[file.encoding], delimiter: report.delimiter }))}\n`);
        if (report.ignored_columns.length > 0) ctx.stdout(`${say(msg.cli.importColumnsNotRead({ columns: report.ignored_columns }))}\n`);
        for (const d of report.departments_created) ctx.stdout(`${say(msg.cli.importNewDepartment(d))}\n`);
        ctx.stdout(`${importSummary(report, ctx.lang)}\n`);
      }
      return report.applied ? 0 : 1;
    }
    if (sub === 'search' && arg) {
      const found = searchProducts(ctx.db(), positionals.slice(1).join(' '));
      if (values.json) printJson(ctx, found);
      else for (const p of found) ctx.stdout(`${p.sku.padEnd(14)} ${p.description.padEnd(40)} ${formatEuro(p.priceCents).padStart(12)}  IVA ${p.vatCode}\n`);
      return 0;
    }
    throw new BanconeError('CLI_USAGE', msg.cli.usage({ usage: this.usage }));
  },
};
