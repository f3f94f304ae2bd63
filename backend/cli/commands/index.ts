// One line per command. Keep commands thin: parse → service → print.
// Each command is loaded only when it runs: `bancone status` must not pay for pdfkit, the sync
// engine's schemas or the HTTP bridge (the CLI's start-up goal is ≤ 3× `node -e ""`, see
// bench/cli.bench.ts). The bundler turns every import() below into its own chunk.
import type { Command } from '../command.js';

export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'catalog', load: async () => (await import('./catalog.js')).catalogCommand },
  { name: 'customer', load: async () => (await import('./customer.js')).customerCommand },
  { name: 'sale', load: async () => (await import('./sale.js')).saleCommand },
  { name: 'return', load: async () => (await import('./return.js')).returnCommand },
  { name: 'void', load: async () => (await import('./void.js')).voidCommand },
  { name: 'status', load: async () => (await import('./status.js')).statusCommand },
  { name: 'audit', load: async () => (await import('./audit.js')).auditCommand },
  { name: 'report', load: async () => (await import('./report.js')).reportCommand },
  { name: 'close-day', load: async () => (await import('./close-day.js')).closeDayCommand },
  { name: 'cash', load: async () => (await import('./cash.js')).cashCommand },
  { name: 'print', load: async () => (await import('./print.js')).printCommand },
  { name: 'printer', load: async () => (await import('./print.js')).printerCommand },
  { name: 'sync', load: async () => (await import('./sync.js')).syncCommand },
  { name: 'onboard', load: async () => (await import('./onboard.js')).onboardCommand },
  { name: 'training', load: async () => (await import('./training.js')).trainingCommand },
  { name: 'invoice', load: async () => (await import('./invoice.js')).invoiceCommand },
  { name: 'reconciliation', load: async () => (await import('./reconciliation.js')).reconciliationCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'server', load: async () => (await import('./server.js')).serverCommand },
  { name: 'till', load: async () => (await import('./till.js')).tillCommand },
];

const names = new Set<string>();
for (const c of commands) {
  if (names.has(c.name)) throw new Error(`CLI command registered twice: ${c.name}`);
  names.add(c.name);
}

/** The command called `name`, loaded; undefined when there is none. A module exporting a command under another name is a wiring bug. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const entry = commands.find((c) => c.name === name);
  if (!entry) return undefined;
  const cmd = await entry.load();
  if (cmd.name !== entry.name) throw new Error(`CLI command listed as ${entry.name} is named ${cmd.name}`);
  return cmd;
}

/** Every command, loaded (for the full help text only). */
export async function loadAllCommands(): Promise<Command[]> {
  return Promise.all(commands.map(async (c) => (await loadCommand(c.name))!));
}
