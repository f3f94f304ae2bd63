// The spooler and serial transports, with stand-ins for `lp`/`lpstat` and a plain file for the port.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLpTransport, createSerialTransport, transportFromUrl } from '../../../backend/printing/transports/index.js';
import { PrinterError } from '../../../backend/printing/printer-status.js';
import { encodeLayout } from '../../../backend/printing/encode.js';
import { layoutDocument } from '../../../shared/receipt.js';
import { decodeEscPos, paperHasLine } from '../../../emulators/escpos-decoder.js';
import { SHOP, cashSale } from '../../fixtures/documents.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'bancone-os-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const receipt = () => encodeLayout(layoutDocument(cashSale(), SHOP, { columns: 42 }));

describe('CUPS / lp raw queue (stand-in scripts need a POSIX sh)', () => {
  it('pipes the job bytes untouched to `lp -d QUEUE -o raw`', async () => {
    const out = join(dir, 'job.bin');
    const lp = script('lp', `echo "$@" > "${dir}/args"; cat > "${out}"; echo "request id is TM-T20-1 (1 file(s))"`);
    const t = createLpTransport({ queue: 'TM-T20', lpCommand: lp });
    const bytes = receipt();
    expect(await t.print(bytes)).toEqual({ confirmed: false, status: null, bytes: bytes.length });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-d TM-T20 -o raw -t Bancone');
    const got = readFileSync(out);
    expect(Buffer.compare(got, Buffer.from(bytes))).toBe(0);
    expect(paperHasLine(decodeEscPos(got), 'TOTALE € 12,50')).toBe(true);
  });

  it('a refused job is a PrinterError carrying what the spooler said', async () => {
    const lp = script('lp', 'cat > /dev/null; echo "lp: The printer or class does not exist." >&2; exit 1');
    const err = await createLpTransport({ queue: 'NOPE', lpCommand: lp }).print(receipt()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('PRINTER_SPOOLER');
    expect((err as PrinterError).message).toContain('The printer or class does not exist');
  });

  it('a machine without CUPS says so', async () => {
    const err = await createLpTransport({ queue: 'Q', lpCommand: join(dir, 'missing-lp') }).print(receipt()).catch((e: unknown) => e);
    expect((err as PrinterError).message).toMatch(/non trovato.*CUPS/);
  });

  it('reads the queue state from lpstat', async () => {
    const idle = script('lpstat-idle', 'echo "printer TM-T20 is idle.  enabled since Sat 21 Nov 2026"');
    const paused = script('lpstat-off', 'echo "printer TM-T20 disabled since Sat 21 Nov 2026 -"');
    const missing = script('lpstat-missing', 'echo "lpstat: Invalid destination name in list \\"X\\"" >&2; exit 1');
    expect((await createLpTransport({ queue: 'TM-T20', lpstatCommand: idle }).status()).state).toBe('unknown');
    expect((await createLpTransport({ queue: 'TM-T20', lpstatCommand: paused }).status())).toMatchObject({ state: 'offline', message: 'Coda di stampa "TM-T20" sospesa' });
    expect((await createLpTransport({ queue: 'X', lpstatCommand: missing }).status())).toMatchObject({ state: 'unreachable', message: 'Coda di stampa "X" inesistente' });
  });

  it('lp:// URLs take the overridable commands', async () => {
    const out = join(dir, 'job2.bin');
    const lp = script('lp2', `cat > "${out}"`);
    await transportFromUrl('lp://TM-T20', { lpCommand: lp }).print(Uint8Array.from([0x1b, 0x40]));
    expect([...readFileSync(out)]).toEqual([0x1b, 0x40]);
  });
});

describe('serial device file', () => {
  it('writes each job to the device, one after the other', async () => {
    const dev = join(dir, 'ttyFAKE');
    writeFileSync(dev, '');
    const t = transportFromUrl(`serial://${dev}`);
    await t.print(Uint8Array.from([1, 2, 3]));
    await t.print(Uint8Array.from([4]));
    expect([...readFileSync(dev)]).toEqual([1, 2, 3, 4]);
    expect((await t.status()).state).toBe('unknown');
  });

  it('a missing port is reported, not thrown raw', async () => {
    const err = await createSerialTransport({ device: join(dir, 'no', 'such', 'tty') }).print(Uint8Array.from([1])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).message).toMatch(/Porta seriale .* non disponibile \(ENOENT\)/);
  });
});
