// `bancone serve`: the till in a browser on this machine (no Electron needed). Binds 127.0.0.1
// only and prints the address with this run's session key. --demo runs a sample shop in its own
// data folder, with the Openapi emulator and a virtual printer.
import { join } from 'node:path';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { printJson } from '../output.js';
import { ensureDataDir, type Env } from '../../config.js';
import { startTill } from '../../programs/till.js';
import { startBridge } from '../../bridge/server.js';
import { ensureRendererBuilt, packageRootOf, rendererOutDir } from '../../bridge/renderer-build.js';
import { seedDemo } from '../../demo/seed.js';
import { BanconeError } from '../../../shared/errors.js';
import { msg } from '../../../shared/messages/index.js';
import { declareFiscalShop } from '../../training/mode.js';

const ROOT = packageRootOf(import.meta.url);
const DEMO_FISCAL_ID = '12345678901';
const DEMO_TOKEN = 'demo-token';

interface DemoFakes {
  env: Env;
  describe: string[];
  close(): Promise<void>;
}

/** The emulator and the virtual printer live with the tests; only --demo loads them. */
async function startDemoFakes(log: (s: string) => void): Promise<DemoFakes> {
  const { startEmulator } = await import('../../../emulators/openapi/index.js');
  const { startVirtualPrinter } = await import('../../../emulators/escpos-printer.js');
  const { paperSays } = await import('../../../emulators/escpos-decoder.js');
  const emulator = await startEmulator({ fiscalId: DEMO_FISCAL_ID, token: DEMO_TOKEN, readyDelayMs: 2000 });
  const printer = await startVirtualPrinter();
  let shown = 0;
  const timer = setInterval(() => {
    for (const job of printer.jobs.slice(shown)) log(`\n— stampante virtuale —\n${paperSays(job.paper).join('\n')}\n`);
    shown = printer.jobs.length;
  }, 500);
  return {
    env: { BANCONE_OPENAPI_URL: emulator.url, BANCONE_OPENAPI_TOKEN: DEMO_TOKEN, BANCONE_FISCAL_ID: DEMO_FISCAL_ID, BANCONE_PRINTER: printer.url },
    describe: [`Emulatore Openapi: ${emulator.url}`, `Stampante virtuale: ${printer.url}`],
    async close() {
      clearInterval(timer);
      await printer.close();
      await emulator.close();
    },
  };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Avvia la cassa nel browser (solo 127.0.0.1) / run the till in a browser (localhost only)',
  usage: 'bancone serve [--port N] [--demo] [--json]\n\n  --demo  negozio di prova in <dati>/demo, con emulatore Openapi e stampante virtuale\n          (operatori: Giulia cassiera PIN 1111, Marco responsabile PIN 9999)',
  async run(argv, ctx) {
    const { values } = parse(argv, { port: { type: 'string' }, demo: { type: 'boolean' } });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new BanconeError('CLI_USAGE', msg.cli.portInvalid({ port: values.port }), 'port');
    const demo = values.demo === true;
    const dataDir = demo ? join(ctx.config.dataDir, 'demo') : ctx.config.dataDir;
    ensureDataDir(dataDir);
    const built = await ensureRendererBuilt(ROOT);
    if (built !== 'fresh') ctx.stderr(`Interfaccia compilata in ${rendererOutDir(ROOT)}\n`);
    const fakes = demo ? await startDemoFakes(ctx.stdout) : null;
    const till = startTill({ dbFile: join(dataDir, 'bancone.db'), dataDir, clock: ctx.clock, env: { ...ctx.env, ...fakes?.env } });
    // The demo is for trying the real flow: a set-up, fiscal shop, its sales going to the Openapi emulator.
    if (demo) { seedDemo(till.db, ctx.clock); declareFiscalShop(till.db, ctx.clock.now()); }
    const bridge = await startBridge({ dispatcher: till.dispatcher, events: till.changes, rendererDir: rendererOutDir(ROOT), port });
    if (values.json) printJson(ctx, { url: bridge.url, port: bridge.port, dataDir, demo });
    else {
      ctx.stdout([
        `Bancone è pronto: apri ${bridge.url}`,
        `Dati: ${dataDir}`,
        ...(fakes?.describe ?? []),
        ...(demo ? ['Operatori di prova: Giulia (cassiera) PIN 1111, Marco (responsabile) PIN 9999'] : []),
        'Ctrl+C per fermare.',
        '',
      ].join('\n'));
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await bridge.close();
    await till.close();
    await fakes?.close();
    return 0;
  },
};
