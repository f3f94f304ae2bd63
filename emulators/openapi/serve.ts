// The emulator as a process of its own (benchmarks, manual tries): prints {"url": ...} on stdout,
// answers {type:'receipts'|'stats'} over IPC when forked, stops on SIGTERM or {type:'close'}.
//   tsx emulators/openapi/serve.ts '{"fiscalId":"12345678901","token":"t","faults":{"latencyMs":50}}'
import { startEmulator, type EmulatorOptions } from './index.js';

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
process.on('message', (m: { type?: string; id?: number }) => {
  if (m?.type === 'receipts') process.send?.({ id: m.id, receipts: emu.receipts() });
  else if (m?.type === 'stats') process.send?.({ id: m.id, stats: emu.stats() });
  else if (m?.type === 'close') void stop();
});
