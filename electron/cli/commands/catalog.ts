import { readFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { importCatalogCsv } from '../../services/catalog/csv-import.js';
import { searchProducts } from '../../services/catalog/products.js';
import { BanconeError } from '../../../shared/errors.js';
import { formatEuro } from '../../../shared/money.js';

export const catalogCommand: Command = {
  name: 'catalog',
  summary: 'Catalogo: importa un CSV o cerca prodotti / catalog: import a CSV or search products',
  usage: 'bancone catalog import FILE.csv [--skip-bad] [--json]\n     bancone catalog search TESTO [--json]\n\nColonne CSV: sku, barcode (più codici separati da |), description, price (12,50 o 12.50), vat_code, department',
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { 'skip-bad': { type: 'boolean' } });
    const [sub, arg] = positionals;
    if (sub === 'import' && arg) {
      let text: string;
      try { text = await readFile(arg, 'utf8'); } catch {
        throw new BanconeError('FILE_NOT_READABLE', `File non leggibile: ${arg}`, `Cannot read file: ${arg}`, 'file');
      }
      const report = importCatalogCsv(ctx.db(), text, ctx.clock.now(), { skipBad: values['skip-bad'] === true });
      if (values.json) printJson(ctx, report);
      else {
        for (const e of report.errors) ctx.stderr(`${ctx.lang === 'en' ? e.message_en : e.message}\n`);
        ctx.stdout(report.applied
          ? `Importati ${report.imported} prodotti${report.skipped ? `, ${report.skipped} errori saltati` : ''}.\n`
          : `Nessun prodotto importato: ${report.errors.length} errori (usa --skip-bad per importare le righe valide).\n`);
      }
      return report.applied ? 0 : 1;
    }
    if (sub === 'search' && arg) {
      const found = searchProducts(ctx.db(), positionals.slice(1).join(' '));
      if (values.json) printJson(ctx, found);
      else for (const p of found) ctx.stdout(`${p.sku.padEnd(14)} ${p.description.padEnd(40)} ${formatEuro(p.priceCents).padStart(12)}  IVA ${p.vatCode}\n`);
      return 0;
    }
    throw new BanconeError('CLI_USAGE', `Uso: ${this.usage}`, `Usage: ${this.usage}`);
  },
};
