// One line per command. Keep commands thin: parse → service → print.
import type { Command } from '../command.js';
import { catalogCommand } from './catalog.js';
import { saleCommand } from './sale.js';
import { returnCommand } from './return.js';
import { voidCommand } from './void.js';
import { statusCommand } from './status.js';
import { auditCommand } from './audit.js';
import { reportCommand } from './report.js';
import { closeDayCommand } from './close-day.js';
import { cashCommand } from './cash.js';
import { printCommand, printerCommand } from './print.js';
import { syncCommand } from './sync.js';
import { onboardCommand } from './onboard.js';
import { serveCommand } from './serve.js';

export const commands: Command[] = [
  catalogCommand,
  saleCommand,
  returnCommand,
  voidCommand,
  statusCommand,
  auditCommand,
  reportCommand,
  closeDayCommand,
  cashCommand,
  printCommand,
  printerCommand,
  syncCommand,
  onboardCommand,
  serveCommand,
];

const names = new Set<string>();
for (const c of commands) {
  if (names.has(c.name)) throw new Error(`CLI command registered twice: ${c.name}`);
  names.add(c.name);
}
