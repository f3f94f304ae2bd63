// The emulator as a process of its own (benchmarks, manual tries): prints {"url": ...} on stdout,
// answers {type:'receipts'|'invoices'|'stats'} and plays the SDI ({type:'sdi', move, invoiceId}) over IPC when forked, stops on SIGTERM or {type:'close'}.
//   tsx emulators/openapi/serve.ts '{"fiscalId":"12345678901","token":"t","faults":{"latencyMs":50}}'
import { startEmulator, type EmulatorOptions, type SdiError } from './index.js';

interface ServeOptions extends EmulatorOptions {
  /** Shift the emulator clock (ms), like BANCONE_CLOCK_OFFSET_MS for the sync process. */
  clockOffsetMs?: number;
}

const opts = JSON.parse(process.argv[2] ?? '{}') as ServeOptions;
const offset = opts.clockOffsetMs ?? 0;
const emu = await startEmulator({ ...opts, ...(offset ? { clock: { now: () => new Date(Date.now() + offset) } } : {}) });
process.stdout.write(`${JSON.stringify({ url: emu.url })}\n`);
const stop = async () => { await emu.close(); process.exit(0); };
process.on('SIGTERM', () => { void stop(); });
// Forked: never outlive the parent.
process.on('disconnect', () => { void stop(); });
process.on('message', (m: { type?: string; id?: number; move?: string; invoiceId?: string; errors?: SdiError[] }) => {
  if (m?.type === 'receipts') process.send?.({ id: m.id, receipts: emu.receipts() });
  else if (m?.type === 'invoices') process.send?.({ id: m.id, invoices: emu.invoices() });
  else if (m?.type === 'sdi') {
    // The SDI's moves on one invoice (forward, deliver, notDeliver, reject with errors), as the tests play them.
    const s = emu.invoiceStore;
    try {
      const id = m.invoiceId ?? '';
      if (m.move === 'forward') s.forward(id);
      else if (m.move === 'deliver') s.deliver(id);
      else if (m.move === 'notDeliver') s.notDeliver(id);
      else if (m.move === 'reject') s.reject(id, m.errors ?? []);
      else throw new Error(`unknown SDI move: ${String(m.move)}`);
      process.send?.({ id: m.id, invoice: s.toJson(s.get(id)) });
    } catch (e) {
      process.send?.({ id: m.id, error: (e as Error).message });
    }
  }
  else if (m?.type === 'stats') process.send?.({ id: m.id, stats: emu.stats() });
  else if (m?.type === 'close') void stop();
});
