// Electron utilityProcess entry for the background sync (built to out/main/sync-process.js).
import { syncProcessMain } from '../sync/process.js';

void syncProcessMain(process.argv.slice(2), process.env).then((code) => process.exit(code));
