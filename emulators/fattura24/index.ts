// A strict local stand-in for Fattura24's API v0.3 (shared/reference/providers/fattura24-api-v0.3.txt
// and its public method pages). 127.0.0.1 only. Every call: POST {url}/{Method}, form-encoded, with
// `apiKey`; answers are XML <root><returnCode>…</returnCode><description>…</description>…</root>.
//
//   TestKey        returnCode 1 when the key is right
//   SaveDocument   `xml`: <Fattura24><Document>…</Document></Fattura24>; → docId, docNumber
//   GetFile        `docId`: the document's PDF (application/pdf)
//   GetDocuments   `docId`, or `number` + `date`: the documents with their e-invoice state.
//                  MODELLED, NOT FROM THE REFERENCE: the stored docs show no listing or SDI-state
//                  method; this one lets the adapter look up and follow an invoice. Check it against
//                  the live method list before going live.
//
// Its limits, enforced with an injectable clock: 30 calls a minute, 200 an hour, 500 in the last 24
// hours, and no concurrent calls (a call arriving while another is in flight is refused: on the real
// service it would break the documents' numbering). A refused call is answered 429 and not counted.
// The HTTP status of a refusal over a limit is not documented; 429 is this emulator's choice.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { child, escape, parseXml, textOf, type Node } from './xml.js';

export interface F24Clock { now(): Date }
/** The e-invoice's state at the SDI as this emulator models it. */
export type F24FeStatus = 'WAITING' | 'SENT' | 'DELIVERED' | 'NOT_DELIVERED' | 'REJECTED';
export type F24Fault = 'rateLimit' | 'serverError' | 'dropAfterCommit';

export interface F24Document {
  docId: string;
  docNumber: string;
  date: string;
  type: string;
  customerName: string;
  totalCents: number;
  rows: number;
  feStatus: F24FeStatus;
  feMessage: string;
}

export interface F24Stats {
  /** Calls accepted (counted against the limits). */
  calls: number;
  refusedConcurrent: number;
  refusedOverLimit: number;
  /** The most accepted calls in any 60 s / 3600 s window. */
  maxPerMinute: number;
  maxPerHour: number;
  /** The most calls ever in flight at once (1 when no call overlapped). */
  maxInFlight: number;
}

export interface F24Options {
  port?: number;
  apiKey?: string;
  clock?: F24Clock;
  /** Real ms each call stays in flight before it is answered: widens the window where an overlap shows. */
  holdMs?: number;
}

export interface F24Emulator {
  url: string;
  close(): Promise<void>;
  documents(): F24Document[];
  /** Test control: the SDI moves an e-invoice on. */
  setFeStatus(docId: string, status: F24FeStatus, message?: string): void;
  failNext(fault: F24Fault, times?: number): void;
  stats(): F24Stats;
  /** Every accepted call: method and instant (emulator clock). */
  calls(): Array<{ method: string; at: number }>;
  /**
   * Holds the next SaveDocument in flight until release() or until its client goes away (a killed
   * process): 'before' anything is stored, or 'after' storing it (a kill then leaves it stored, unanswered).
   */
  hold(opts?: { commit?: 'before' | 'after' }): F24Hold;
}

export interface F24Hold {
  reached: Promise<void>;
  release(): void;
  done: Promise<'answered' | 'dropped'>;
}

const MINUTE = 60_000, HOUR = 3_600_000, DAY = 86_400_000;
const LIMITS = [[MINUTE, 30], [HOUR, 200], [DAY, 500]] as const;

const DOCUMENT_FIELDS = new Set([
  'DocumentType', 'Number', 'Date', 'IdNumerator', 'CustomerName', 'CustomerAddress', 'CustomerPostcode', 'CustomerCity',
  'CustomerProvince', 'CustomerCountry', 'CustomerFiscalCode', 'CustomerVatCode', 'CustomerCellPhone', 'CustomerEmail',
  'FeCustomerPec', 'FeDestinationCode', 'DeliveryName', 'DeliveryAddress', 'DeliveryPostcode', 'DeliveryCity',
  'DeliveryProvince', 'DeliveryCountry', 'Object', 'TotalWithoutTax', 'PaymentMethodName', 'PaymentMethodDescription',
  'VatAmount', 'Total', 'FootNotes', 'SendEmail', 'F24OrderId', 'IdTemplate', 'Payments', 'Rows',
]);
const ROW_FIELDS = new Set(['Code', 'Description', 'Qty', 'Um', 'Price', 'Discounts', 'VatCode', 'VatDescription', 'FeVatNature']);
const PAYMENT_FIELDS = new Set(['Date', 'Amount', 'Paid']);
const DOCUMENT_TYPES = new Set(['I', 'R', 'C', 'FE', 'NCE']);

class Refusal extends Error {}

function money(s: string | null, field: string): number {
  if (s === null || !/^-?\d+\.\d{2}$/.test(s)) throw new Refusal(`${field}: decimal format #.00 expected`);
  const neg = s.startsWith('-');
  const [u, d] = s.replace('-', '').split('.');
  return (neg ? -1 : 1) * (Number(u) * 100 + Number(d));
}

function strict(n: Node, allowed: Set<string>, where: string): void {
  for (const c of n.children) if (!allowed.has(c.name)) throw new Refusal(`${where}: unknown field ${c.name}`);
}

const readBody = (req: IncomingMessage) => new Promise<string>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  req.on('error', reject);
});

export async function startFattura24(opts: F24Options = {}): Promise<F24Emulator> {
  const apiKey = opts.apiKey ?? 'chiave-di-prova';
  const clock = opts.clock ?? { now: () => new Date() };
  const docs: F24Document[] = [];
  const accepted: Array<{ method: string; at: number }> = [];
  const faults: F24Fault[] = [];
  const holds: Array<{ commit: 'before' | 'after'; reach: () => void; released: Promise<void>; finish: (how: 'answered' | 'dropped') => void }> = [];
  const stats = { refusedConcurrent: 0, refusedOverLimit: 0, maxInFlight: 0 };
  let inFlight = 0;
  let nextDocId = 5_000_001;
  const progressive = new Map<string, number>();
  const sockets = new Set<Socket>();

  const xmlAnswer = (code: number, description: string, extra = '') =>
    `<?xml version="1.0" encoding="UTF-8"?><root><returnCode>${code}</returnCode><description>${escape(description)}</description>${extra}</root>`;

  function overLimit(now: number): string | null {
    for (const [window, max] of LIMITS) {
      if (accepted.filter((c) => c.at > now - window).length >= max) return `Too many requests: no more than ${max} calls in ${window / 1000} seconds`;
    }
    return null;
  }

  function saveDocument(xml: string | null): string {
    if (xml === null) throw new Refusal('Missing parameter xml');
    let root: Node;
    try { root = parseXml(xml.trim()); } catch (e) { throw new Refusal(`Invalid xml: ${(e as Error).message}`); }
    const d = root.name === 'Fattura24' ? child(root, 'Document') : undefined;
    if (!d) throw new Refusal('Invalid xml: <Fattura24><Document> expected');
    strict(d, DOCUMENT_FIELDS, 'Document');
    const type = textOf(d, 'DocumentType') ?? 'I';
    if (!DOCUMENT_TYPES.has(type)) throw new Refusal(`DocumentType: unknown value ${type}`);
    const name = (textOf(d, 'CustomerName') ?? '').trim();
    if (name === '') throw new Refusal('CustomerName: required');
    const electronic = type === 'FE' || type === 'NCE';
    if (electronic && !textOf(d, 'CustomerFiscalCode') && !textOf(d, 'CustomerVatCode')) throw new Refusal('CustomerFiscalCode or CustomerVatCode: required for an electronic invoice');
    const dest = textOf(d, 'FeDestinationCode');
    if (dest !== null && dest !== '' && !/^[A-Z0-9]{7}$/.test(dest)) throw new Refusal('FeDestinationCode: 7 characters');
    const date = textOf(d, 'Date') ?? new Date(clock.now()).toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Refusal('Date: format AAAA-MM-GG');
    const rowsNode = child(d, 'Rows');
    const rows = rowsNode?.children ?? [];
    if (rows.length === 0) throw new Refusal('Rows: at least one Row');
    let rowsCents = 0;
    for (const r of rows) {
      if (r.name !== 'Row') throw new Refusal(`Rows: unknown field ${r.name}`);
      strict(r, ROW_FIELDS, 'Row');
      if (!(textOf(r, 'Description') ?? '').trim()) throw new Refusal('Row/Description: required');
      const qty = Number(textOf(r, 'Qty') ?? '1');
      if (!Number.isFinite(qty)) throw new Refusal('Row/Qty: a number');
      if (!/^\d+(\.\d+)?$/.test(textOf(r, 'VatCode') ?? '')) throw new Refusal('Row/VatCode: the VAT rate');
      rowsCents += Math.round(qty * money(textOf(r, 'Price'), 'Row/Price'));
    }
    for (const p of child(d, 'Payments')?.children ?? []) strict(p, PAYMENT_FIELDS, 'Payment');
    const total = money(textOf(d, 'Total'), 'Total');
    const without = money(textOf(d, 'TotalWithoutTax'), 'TotalWithoutTax');
    money(textOf(d, 'VatAmount'), 'VatAmount');
    if (rowsCents !== without) throw new Refusal('TotalWithoutTax: differs from the sum of the rows');
    const year = date.slice(0, 4);
    const key = `${type}/${year}`;
    const n = (progressive.get(key) ?? 0) + 1;
    progressive.set(key, n);
    const doc: F24Document = {
      docId: String(nextDocId++), docNumber: textOf(d, 'Number') ?? String(n), date, type, customerName: name,
      totalCents: total, rows: rows.length, feStatus: electronic ? 'WAITING' : 'DELIVERED', feMessage: '',
    };
    docs.push(doc);
    return xmlAnswer(0, 'Operation completed', `<docId>${doc.docId}</docId><docNumber>${escape(doc.docNumber)}</docNumber>`);
  }

  function getDocuments(q: URLSearchParams): string {
    const docId = q.get('docId'), number = q.get('number'), date = q.get('date');
    if (docId === null && number === null) throw new Refusal('Missing parameter docId or number');
    const hits = docs.filter((x) => (docId === null || x.docId === docId) && (number === null || x.docNumber === number) && (date === null || x.date === date));
    if (docId !== null && hits.length === 0) throw new Refusal('Document not found');
    const list = hits.map((x) => `<document><docId>${x.docId}</docId><docNumber>${escape(x.docNumber)}</docNumber><docDate>${x.date}</docDate><documentType>${x.type}</documentType><feStatus>${x.feStatus}</feStatus><feMessage>${escape(x.feMessage)}</feMessage></document>`).join('');
    return xmlAnswer(0, 'Operation completed', `<documents>${list}</documents>`);
  }

  const server = createServer(async (req, res) => {
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    let released = false;
    const release = () => { if (!released) { released = true; inFlight--; } };
    res.on('close', release);
    const send = (status: number, body: string | Buffer, type = 'text/xml; charset=utf-8') => {
      release(); // answered: from here a serial client may call again, and must not be seen as overlapping
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    try {
      const concurrent = inFlight > 1;
      const raw = await readBody(req);
      if (opts.holdMs) await new Promise((r) => setTimeout(r, opts.holdMs));
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = /^\/api\/v0\.3\/(\w+)$/.exec(url.pathname);
      if (req.method !== 'POST' || !m) { send(404, xmlAnswer(-1, 'Not found')); return; }
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) { send(200, xmlAnswer(-1, 'Content-Type must be application/x-www-form-urlencoded')); return; }
      const q = new URLSearchParams(raw);
      if (q.get('apiKey') !== apiKey) { send(200, xmlAnswer(-1, 'You are not authorized to use this service. For more details write to assistenza@fattura24.com')); return; }
      if (concurrent) { stats.refusedConcurrent++; send(429, xmlAnswer(-1, 'Concurrent calls are not allowed')); return; }
      const now = clock.now().getTime();
      const fault = faults.shift();
      if (fault === 'rateLimit') { stats.refusedOverLimit++; res.setHeader('Retry-After', '120'); send(429, xmlAnswer(-1, 'Too many requests')); return; }
      if (fault === 'serverError') { send(503, '<html><body>503 Service Unavailable</body></html>', 'text/html'); return; }
      const limit = overLimit(now);
      if (limit !== null) { stats.refusedOverLimit++; send(429, xmlAnswer(-1, limit)); return; }
      accepted.push({ method: m[1]!, at: now });
      const held = m[1] === 'SaveDocument' ? holds.shift() : undefined;
      let gone = false;
      const closed = new Promise<void>((r) => res.once('close', () => { if (!res.writableEnded) gone = true; r(); }));
      if (held) held.reach();
      if (held?.commit === 'before') {
        await Promise.race([held.released, closed]);
        if (gone) { held.finish('dropped'); return; }
      }
      let out: string;
      switch (m[1]) {
        case 'TestKey': out = xmlAnswer(1, 'Complimenti, la tua API KEY è corretta.'); break;
        case 'SaveDocument': out = saveDocument(q.get('xml')); break;
        case 'GetDocuments': out = getDocuments(q); break;
        case 'GetFile': {
          const doc = docs.find((x) => x.docId === q.get('docId'));
          if (!doc) throw new Refusal('Document not found');
          send(200, Buffer.from(`%PDF-1.4\n% Fattura24 ${doc.type} ${doc.docNumber} del ${doc.date}\n%%EOF\n`, 'latin1'), 'application/pdf');
          return;
        }
        default: out = xmlAnswer(-1, `Unknown method ${m[1]}`);
      }
      if (held?.commit === 'after') {
        await Promise.race([held.released, closed]);
        if (gone) { held.finish('dropped'); return; }
      }
      held?.finish('answered');
      if (fault === 'dropAfterCommit') { release(); req.socket.destroy(); return; }
      send(200, out);
    } catch (e) {
      send(200, xmlAnswer(-1, e instanceof Refusal ? e.message : String(e)));
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const maxIn = (window: number) => {
    let best = 0;
    for (const c of accepted) best = Math.max(best, accepted.filter((x) => x.at <= c.at && x.at > c.at - window).length);
    return best;
  };

  return {
    url: `http://127.0.0.1:${port}/api/v0.3`,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
    documents: () => docs.map((x) => ({ ...x })),
    setFeStatus(docId, status, message = '') {
      const d = docs.find((x) => x.docId === docId);
      if (!d) throw new Error(`no document ${docId}`);
      d.feStatus = status;
      d.feMessage = message;
    },
    failNext(fault, times = 1) { for (let i = 0; i < times; i++) faults.push(fault); },
    stats: () => ({ calls: accepted.length, refusedConcurrent: stats.refusedConcurrent, refusedOverLimit: stats.refusedOverLimit, maxPerMinute: maxIn(MINUTE), maxPerHour: maxIn(HOUR), maxInFlight: stats.maxInFlight }),
    calls: () => accepted.slice(),
    hold(o = {}) {
      let reach!: () => void, release!: () => void, finish!: (how: 'answered' | 'dropped') => void;
      const reached = new Promise<void>((r) => { reach = r; });
      const released = new Promise<void>((r) => { release = r; });
      const done = new Promise<'answered' | 'dropped'>((r) => { finish = r; });
      holds.push({ commit: o.commit ?? 'before', reach, released, finish });
      return { reached, release, done };
    },
  };
}
