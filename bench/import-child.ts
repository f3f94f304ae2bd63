// One catalogue import in a process of its own, so its peak RSS is the import's alone:
//   tsx bench/import-child.ts DB_FILE CSV_FILE  → one JSON line {ms, cpuMs, maxRssMb, report}
// It does what `bancone catalog import FILE` does (the same function reads the file).
import { openDatabase } from '../backend/db/open.js';
import { importCatalogFile } from '../backend/catalog/csv-import-file.js';

const [dbFile, csvFile] = process.argv.slice(2);
const db = openDatabase(dbFile!);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { report } = importCatalogFile(db, csvFile!, new Date(), {});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
db.close();
const { errors, notices, ...counts } = report;
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, report: { ...counts, errors: errors.length, notices: notices.length } })}\n`);
