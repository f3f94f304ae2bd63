import { describe, expect, it } from 'vitest';
import {
  isDleEotReply, isGsrReply, paperFromGsr, statusFromReplies,
} from '../../../backend/printing/printer-status.js';
import { ReplyReader, ReplyTimeout } from '../../../backend/printing/transports/replies.js';
import { resolvePrinterUrl, transportFromUrl } from '../../../backend/printing/transports/index.js';

const at = new Date('2026-11-21T10:00:00Z');
const read = (r: { printer: number; offline: number; paper: number; error?: number }) => statusFromReplies(r, 'tcp://x:9100', at);

describe('Epson status bytes', () => {
  it('an idle TM: ready', () => {
    expect(read({ printer: 0x12, offline: 0x12, paper: 0x12 })).toMatchObject({ state: 'ready', online: true, paperOut: false, paperNearEnd: false, message: 'Stampante pronta' });
  });
  it('paper end: the roll sensor and the offline cause agree', () => {
    expect(read({ printer: 0x1a, offline: 0x32, paper: 0x72 })).toMatchObject({ state: 'paper_out', paperOut: true, online: false });
    // Either signal alone is enough.
    expect(read({ printer: 0x1a, offline: 0x12, paper: 0x72 }).state).toBe('paper_out');
  });
  it('cover open wins over paper out (close the cover first)', () => {
    expect(read({ printer: 0x1a, offline: 0x36, paper: 0x72 }).state).toBe('cover_open');
  });
  it('near end is a warning on a ready printer', () => {
    const s = read({ printer: 0x12, offline: 0x12, paper: 0x1e });
    expect(s).toMatchObject({ state: 'ready', paperNearEnd: true, message: 'Stampante pronta, carta in esaurimento' });
  });
  it('cutter error', () => {
    expect(read({ printer: 0x1a, offline: 0x52, paper: 0x12, error: 0x1a }).state).toBe('error');
  });
  it('offline for another reason', () => {
    expect(read({ printer: 0x1a, offline: 0x12, paper: 0x12 }).state).toBe('offline');
  });
  it('tells replies apart by their fixed bits', () => {
    expect(isDleEotReply(0x12)).toBe(true);
    expect(isDleEotReply(0x00)).toBe(false);
    expect(isGsrReply(0x00)).toBe(true);
    expect(isGsrReply(0x0f)).toBe(true);
    expect(isGsrReply(0x12)).toBe(false);
    expect(paperFromGsr(0x03)).toEqual({ nearEnd: true, out: false });
    expect(paperFromGsr(0x0c)).toEqual({ nearEnd: false, out: true });
  });
});

describe('reply reader', () => {
  it('matches replies byte by byte across packets, skipping ASB messages and noise', async () => {
    const r = new ReplyReader();
    const a = r.next(isDleEotReply, 500, 'a');
    const b = r.next(isDleEotReply, 500, 'b');
    r.feed(Uint8Array.from([0x10, 0x00])); // first half of an ASB message
    r.feed(Uint8Array.from([0x00, 0x00, 0x16]));
    r.feed(Uint8Array.from([0x80, 0x1a])); // 0x80 is not a DLE EOT reply: dropped
    expect(await a).toBe(0x16);
    expect(await b).toBe(0x1a);
  });
  it('keeps early replies for the next question', async () => {
    const r = new ReplyReader();
    r.feed(Uint8Array.from([0x12, 0x00]));
    expect(await r.next(isDleEotReply, 100, 'x')).toBe(0x12);
    expect(await r.next(isGsrReply, 100, 'y')).toBe(0x00);
  });
  it('times out per question and fails all waits when the connection closes', async () => {
    const r = new ReplyReader();
    await expect(r.next(isDleEotReply, 30, 'DLE EOT 1')).rejects.toBeInstanceOf(ReplyTimeout);
    const pending = r.next(isDleEotReply, 1000, 'z');
    r.close(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
    await expect(r.next(isDleEotReply, 1000, 'after')).rejects.toThrow('gone');
  });
});

describe('printer URLs', () => {
  it('understands every supported transport', () => {
    expect(transportFromUrl('tcp://127.0.0.1:9100')).toMatchObject({ kind: 'tcp', target: 'tcp://127.0.0.1:9100' });
    expect(transportFromUrl('tcp://printer.local')).toMatchObject({ kind: 'tcp', target: 'tcp://printer.local:9100' });
    expect(transportFromUrl('tcp://[::1]:9101')).toMatchObject({ kind: 'tcp', target: 'tcp://[::1]:9101' });
    expect(transportFromUrl('lp://TM-T20')).toMatchObject({ kind: 'lp', target: 'lp://TM-T20' });
    expect(transportFromUrl('cups://TM-T20')).toMatchObject({ kind: 'lp' });
    expect(transportFromUrl('winspool://EPSON%20TM-T20III%20Receipt')).toMatchObject({ kind: 'winspool', target: 'winspool://EPSON%20TM-T20III%20Receipt' });
    expect(transportFromUrl('serial:///dev/ttyUSB0?baud=19200')).toMatchObject({ kind: 'serial', target: 'serial:///dev/ttyUSB0?baud=19200' });
  });
  it('refuses what it cannot use, in Italian, with the way out', () => {
    expect(() => transportFromUrl('')).toThrow('Stampante non configurata');
    expect(() => transportFromUrl('  ')).toThrow(expect.objectContaining({ code: 'PRINTER_NOT_CONFIGURED' }));
    expect(() => transportFromUrl('usb://EPSON/TM-T20')).toThrow(/coda del sistema operativo/);
    expect(() => transportFromUrl('tcp://:9100')).toThrow(expect.objectContaining({ code: 'PRINTER_URL_INVALID' }));
    expect(() => transportFromUrl('tcp://host:99999')).toThrow(expect.objectContaining({ code: 'PRINTER_URL_INVALID' }));
    expect(() => transportFromUrl('serial:///dev/ttyS0?baud=12345')).toThrow(/velocità 12345/);
    expect(() => transportFromUrl('lp://bad name;rm')).toThrow(/coda non valido/);
    expect(() => transportFromUrl('http://printer')).toThrow(/tcp:\/\//);
  });
  it('BANCONE_PRINTER wins over the setting', () => {
    expect(resolvePrinterUrl('tcp://10.0.0.5', { BANCONE_PRINTER: 'tcp://127.0.0.1:9100' })).toBe('tcp://127.0.0.1:9100');
    expect(resolvePrinterUrl('tcp://10.0.0.5', { BANCONE_PRINTER: ' ' })).toBe('tcp://10.0.0.5');
    expect(resolvePrinterUrl('', {})).toBe('');
  });
});
