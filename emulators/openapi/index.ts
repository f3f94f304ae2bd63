// A faithful local stand-in for Openapi's Invoice API (IT-receipts, IT-configurations, IT-invoices), built from
// shared/reference/openapi-invoice.oas.json. Listens on 127.0.0.1 only. Used by the sync tests, the
// benchmark and `bancone serve --demo`; plain Node, no test framework imports.
//
//   const emu = await startEmulator({ fiscalId: '12345678901' });
//   emu.url; emu.receipts(); emu.setFaults({ serverErrorRate: 0.2 }); await emu.close();
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, EmulatorStore, ERR, type AdeAccount, type EmulatorClock, type StoredReceipt } from './store.js';
import { receiptPdf } from './pdf.js';
import { InvoiceStore } from './invoices.js';

export { ERR, ApiError, type EmulatorClock, type AdeAccount } from './store.js';
export { InvoiceStore, type StoredInvoice, type SdiError } from './invoices.js';

/**
 * Account-level refusals of /IT-configurations a test can arm (Openapi's envelope, nothing stored):
 * what a shop meets when its Openapi account or token is not ready for the set-up.
 */
export const CONFIG_REFUSALS = {
  paymentRequired: { status: 402, code: 402, message: 'Payment Required: insufficient credit or no active subscription for this service' },
  forbidden: { status: 403, code: 403, message: 'Forbidden: the token has no scope for this request' },
  receiptsNotEnabled: { status: 422, code: ERR.RECEIPTS_NOT_ENABLED, message: 'Receipts service not enabled for this fiscal_id' },
  rateLimited: { status: 429, code: 429, message: 'Too Many Requests' },
  serverError: { status: 500, code: 500, message: 'Internal Server Error' },
} as const;
export type ConfigRefusalName = keyof typeof CONFIG_REFUSALS;
export interface ConfigRefusal { status: number; code: number | null; message: string }

export interface Faults {
  /** 5xx before anything is stored. */
  serverErrorRate: number;
  /** 5xx after the write was committed (a proxy timing out in front of a slow backend). */
  serverErrorAfterCommitRate: number;
  /** The write is committed, then the connection is dropped with no answer. */
  dropAfterCommitRate: number;
  /** 429 with Retry-After, nothing stored. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** The write is committed, then a 200 with an HTML, truncated or wrongly shaped body. */
  malformedRate: number;
  latencyMs: number;
  latencyJitterMs: number;
  /** Which HTTP methods the faults above apply to. */
  methods: string[];
}

export const NO_FAULTS: Faults = {
  serverErrorRate: 0, serverErrorAfterCommitRate: 0, dropAfterCommitRate: 0, rateLimitRate: 0, retryAfterSeconds: 1,
  malformedRate: 0, latencyMs: 0, latencyJitterMs: 0, methods: ['GET', 'POST', 'PATCH', 'DELETE'],
};

export type FaultKind = 'rateLimit' | 'serverError' | 'serverErrorAfterCommit' | 'dropAfterCommit' | 'malformed';

/**
 * How refusals (4xx other than 401) are written. Openapi answers with its envelope; the other shapes
 * are what a different version of the service, a framework default or a proxy in front of it send,
 * so tests can prove the sync classifies a refusal by what it means, not by how it is spelled.
 * - envelope:    {data:null, success:false, message, error:<code>} with the status (Openapi's own)
 * - unknownCode: the envelope with an error code nobody documents ("E_VALIDATION")
 * - success200:  the envelope with success:false, but HTTP 200
 * - plain:       {"message": "..."} with the status
 * - laravel:     422 {"message":"The given data was invalid.","errors":{"<field>":["..."]}}
 * - html404:     a proxy's HTML 404 page
 */
export const ERROR_SHAPES = ['envelope', 'unknownCode', 'success200', 'plain', 'laravel', 'html404'] as const;
export type ErrorShape = (typeof ERROR_SHAPES)[number];

/** A request held in flight (see Emulator.hold). */
export interface Hold {
  /** Resolves with the held request once it arrives. */
  reached: Promise<RequestLogEntry>;
  /** Lets the held request go on (it is answered normally). */
  release(): void;
  /** Resolves once the held request is over: answered after release(), or its connection closed. */
  done: Promise<'answered' | 'dropped'>;
}

export interface HoldOptions {
  /** Methods that can be held (default: the writes, POST PATCH DELETE). */
  methods?: string[];
  /** Hold the n-th matching request from now (default 1). */
  nth?: number;
  /**
   * 'before': held before anything is stored (a kill leaves nothing on the API);
   * 'after': the write is committed first, then the answer is held (a kill leaves it stored, unanswered).
   */
  commit?: 'before' | 'after';
}

export interface EmulatorOptions {
  port?: number;
  /** Bearer token the emulator accepts. */
  token?: string;
  clock?: EmulatorClock;
  /** ms (emulator clock) from creation to `ready`. Default 1500. */
  readyDelayMs?: number;
  adeFailureRate?: number;
  adeRetryRate?: number;
  seed?: number;
  faults?: Partial<Faults>;
  /** Registers this fiscal id with receipts enabled. */
  fiscalId?: string;
  firstNumber?: number;
  /** How refusals of /IT-receipts are written (default Openapi's envelope). */
  errorShape?: ErrorShape;
  /** Registers the fiscal id (with `fiscalId`) with customer_invoice enabled too. */
  customerInvoice?: boolean;
  /** The FatturaPA XSD /IT-invoices validates against (default the shared reference's). */
  fatturapaXsd?: string;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  status: number | 'dropped';
  fault: FaultKind | null;
}

export interface Emulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Every stored receipt, as the API shows it, oldest first. */
  receipts(): ApiReceipt[];
  configurations(): Record<string, unknown>[];
  setFaults(f: Partial<Faults>): void;
  /** The next `times` requests with this method meet this fault, whatever the rates (one-shot faults for tests). */
  failNext(kind: FaultKind, opts?: { method?: string; times?: number }): void;
  setToken(token: string): void;
  /** Changes how receipts move on: delay to ready, share the Agenzia rejects or retries. */
  setLifecycle(patch: { readyDelayMs?: number; adeFailureRate?: number; adeRetryRate?: number }): void;
  /** Stops listening (clients get ECONNREFUSED) until goOnline(). */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  requests(): RequestLogEntry[];
  stats(): { requests: number; commits: number; faults: Record<FaultKind, number> };
  /** Changes how refusals of /IT-receipts are written (IT-configurations keep Openapi's envelope). */
  setErrorShape(shape: ErrorShape): void;
  /**
   * The next `times` (default 1) /IT-configurations requests with one of `methods` (default every
   * method) are refused with this status and envelope; nothing is stored.
   */
  refuseConfigurations(refusal: ConfigRefusalName | ConfigRefusal, opts?: { methods?: string[]; times?: number }): void;
  /** A fiscal id registered by another Openapi account: this token gets 404 on GET, 112 on POST. */
  registerElsewhere(fiscalId: string): void;
  /** The Fisconline/Entratel accounts the «Agenzia» accepts (tax code → password, PIN); null: any, as the sandbox. */
  setAdeAccounts(accounts: Record<string, AdeAccount> | null): void;
  /** The JSON bodies received on /IT-configurations (POST, PATCH), oldest first, as sent. */
  configurationBodies(): Array<{ method: string; path: string; body: unknown }>;
  /**
   * Holds the next matching request in flight until release() or until its client goes away (a
   * killed process): a test can kill a client exactly while a request is in flight, without timing
   * luck. The held request skips fault injection.
   */
  hold(opts?: HoldOptions): Hold;
  store: EmulatorStore;
  /** /IT-invoices: what is stored, and the SDI's moves (forward, deliver, notDeliver, reject). */
  invoiceStore: InvoiceStore;
  /** Every stored invoice as the API shows it (InvoiceResponse), oldest first. */
  invoices(): Array<Record<string, unknown>>;
}

/** A receipt as the API returns it (ResponseReceipts), plus nothing else. */
export interface ApiReceipt {
  id: string;
  type: 'sale' | 'return' | 'void';
  status: string;
  parent_receipt_id?: string;
  total_amount: number;
  discount: number;
  cash_payment_amount: number;
  electronic_payment_amount: number;
  ticket_restaurant_payment_amount: number;
  ticket_restaurant_quantity: number;
  goods_uncollected_amount: number;
  services_uncollected_amount: number;
  invoice_issuing: boolean;
  lottery_code: string | null;
  created_at: string;
  document_number: string | null;
  tags: string[];
  items: Array<{ id: string; quantity: number; description: string; gross_price: number; vat_rate: string; total_amount: number; gross_discount: number; complimentary: boolean; return: number }>;
  [k: string]: unknown;
}

/** mulberry32: tiny seeded PRNG so a fault sequence can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const realClock: EmulatorClock = { now: () => new Date() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 2_000_000) { reject(new ApiError(413, 413, 'Request body too large')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Reply { status: number; body: unknown; pdf?: Buffer }

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const clock = opts.clock ?? realClock;
  const random = seededRandom(opts.seed ?? 1);
  let token = opts.token ?? 'emulator-token';
  let faults: Faults = { ...NO_FAULTS, ...opts.faults };
  let errorShape: ErrorShape = opts.errorShape ?? 'envelope';
  interface ArmedHold { methods: string[]; left: number; commit: 'before' | 'after'; reach: (e: RequestLogEntry) => void; released: Promise<void>; finish: (how: 'answered' | 'dropped') => void }
  const holds: ArmedHold[] = [];
  const oneShot: Array<{ kind: FaultKind; method: string }> = [];
  const store = new EmulatorStore(clock, {
    readyDelayMs: opts.readyDelayMs ?? 1500,
    adeFailureRate: opts.adeFailureRate ?? 0,
    adeRetryRate: opts.adeRetryRate ?? 0,
    random,
    firstNumber: opts.firstNumber ?? 4706,
  });
  if (opts.fiscalId) store.createConfiguration({ fiscal_id: opts.fiscalId, name: 'Negozio di prova', email: 'negozio@example.com', receipts: true, ...(opts.customerInvoice ? { customer_invoice: true } : {}) });
  const invoiceStore = new InvoiceStore(clock, store, opts.fatturapaXsd);
  const log: RequestLogEntry[] = [];
  const refusals: Array<ConfigRefusal & { methods: string[]; left: number }> = [];
  const configBodies: Array<{ method: string; path: string; body: unknown }> = [];
  const faultCounts: Record<FaultKind, number> = { rateLimit: 0, serverError: 0, serverErrorAfterCommit: 0, dropAfterCommit: 0, malformed: 0 };
  let commits = 0;
  let malformedTurn = 0;

  const ok = (data: unknown): Reply => ({ status: 200, body: { data, success: true, message: '', error: null } });

  function route(method: string, url: URL, body: unknown, wantsPdf: boolean, contentType: string): Reply {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [collection, id, ...extra] = parts;
    if (extra.length > 0) throw new ApiError(404, 404, 'Not found');
    if (collection === 'IT-invoices') {
      if (!id && method === 'GET') return ok(invoiceStore.list(url.searchParams).map((i) => invoiceStore.toJson(i)));
      if (!id && method === 'POST') { const i = invoiceStore.create(body as string, contentType); commits++; return ok(invoiceStore.toJson(i)); }
      if (id && method === 'GET') return ok(invoiceStore.toJson(invoiceStore.get(id)));
    }
    if (collection === 'IT-receipts') {
      if (!id && method === 'GET') return ok(store.list(url.searchParams).map((r) => store.toJson(r)));
      if (!id && method === 'POST') { const r = store.createSale(body); commits++; return ok(store.toJson(r)); }
      if (id && method === 'GET') {
        const r = store.get(id);
        if (wantsPdf) return { status: 200, body: null, pdf: pdfFor(r) };
        return ok(store.toJson(r));
      }
      if (id && method === 'PATCH') { const r = store.createReturn(id, body); commits++; return ok(store.toJson(r)); }
      if (id && method === 'DELETE') { const r = store.createVoid(id); commits++; return ok(store.toJson(r)); }
    }
    if (collection === 'IT-configurations') {
      if (body !== undefined) configBodies.push({ method, path: url.pathname, body });
      const armed = refusals.find((r) => r.methods.includes(method));
      if (armed) {
        if (--armed.left <= 0) refusals.splice(refusals.indexOf(armed), 1);
        throw new ApiError(armed.status, armed.code ?? armed.status, armed.message);
      }
      if (!id && method === 'GET') return ok([...store.configurations.values()].map((c) => store.configurationJson(c)));
      if (!id && method === 'POST') return ok(store.configurationJson(store.createConfiguration(body)));
      if (id && method === 'GET') return ok(store.configurationJson(store.getConfiguration(id)));
      if (id && method === 'PATCH') return ok(store.configurationJson(store.patchConfiguration(id, body)));
      if (id && method === 'DELETE') { store.deleteConfiguration(id); return { status: 200, body: { data: null, success: true, message: `Deleted configuration for id: ${id}`, error: null } }; }
    }
    throw new ApiError(404, 404, `Route not found: ${method} ${url.pathname}`);
  }

  function pdfFor(r: StoredReceipt): Buffer {
    const json = store.toJson(r);
    return receiptPdf([
      'DOCUMENTO COMMERCIALE',
      `di ${r.type === 'sale' ? 'vendita o prestazione' : r.type === 'return' ? 'reso merce' : 'annullamento'}`,
      `Documento n. ${r.documentNumber ?? '(in elaborazione)'}`,
      ...r.items.map((i) => `${i.description}  ${(i.quantityH / 100).toFixed(2)}  ${(i.netCents / 100).toFixed(2)}`),
      `TOTALE COMPLESSIVO ${String(json.total_amount)}`,
    ]);
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (reply.pdf) {
      res.writeHead(reply.status, { 'content-type': 'application/pdf', 'content-length': reply.pdf.length });
      res.end(reply.pdf);
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function errorReply(e: unknown): Reply {
    if (e instanceof ApiError) return { status: e.httpStatus, body: { data: null, success: false, message: e.message, error: e.code } };
    return { status: 500, body: { data: null, success: false, message: `Internal error: ${(e as Error).message}`, error: 500 } };
  }

  /** A refusal of /IT-receipts written in the configured shape (see ErrorShape). */
  function shapedError(e: ApiError): Reply & { html?: string } {
    const field = /\b(items\.\d+\.[a-z_]+|[a-z_]+_amount|lottery_code|fiscal_id|discount)\b/.exec(e.message)?.[1] ?? 'receipt';
    switch (errorShape) {
      case 'unknownCode': return { status: e.httpStatus, body: { data: null, success: false, message: e.message, error: 'E_VALIDATION' } };
      case 'success200': return { status: 200, body: { data: null, success: false, message: e.message, error: e.code } };
      case 'plain': return { status: e.httpStatus, body: { message: e.message } };
      case 'laravel': return { status: 422, body: { message: 'The given data was invalid.', errors: { [field]: [e.message] } } };
      case 'html404': return { status: 404, body: null, html: '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>' };
      default: return errorReply(e);
    }
  }

  function malformed(res: ServerResponse, reply: Reply): void {
    const kind = malformedTurn++ % 3;
    if (kind === 0) {
      const html = '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Service temporarily unavailable</h1></body></html>';
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
      res.end(html);
    } else if (kind === 1) {
      const text = JSON.stringify(reply.body);
      const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.write(cut, () => res.destroy());
    } else {
      const text = JSON.stringify({ data: { unexpected: true }, success: true });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    }
  }

  /** The armed hold this request fulfils, if any (counted in arrival order). */
  function takeHold(method: string, entry: RequestLogEntry): ArmedHold | null {
    const h = holds.find((x) => x.methods.includes(method));
    if (!h) return null;
    h.left--;
    if (h.left > 0) return null;
    holds.splice(holds.indexOf(h), 1);
    h.reach(entry);
    return h;
  }


  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: RequestLogEntry = { at: clock.now().toISOString(), method, path: url.pathname + url.search, status: 0, fault: null };
    log.push(entry);
    let raw = '';
    try {
      raw = await readBody(req);
    } catch (e) {
      entry.status = (e as ApiError).httpStatus ?? 400;
      send(res, errorReply(e));
      return;
    }
    const delay = faults.latencyMs + (faults.latencyJitterMs > 0 ? Math.floor(random() * faults.latencyJitterMs) : 0);
    if (delay > 0) await sleep(delay);

    if ((req.headers.authorization ?? '') !== `Bearer ${token}`) {
      entry.status = 401;
      send(res, { status: 401, body: { data: null, success: false, message: 'Unauthorized: invalid or expired token', error: ERR.UNAUTHORIZED } });
      return;
    }

    let clientGone = false;
    const gone = new Promise<void>((r) => res.once('close', () => { if (!res.writableEnded) clientGone = true; r(); }));
    const held = takeHold(method, entry);
    // Held until the test releases it or its client goes away (the process was killed).
    const waitHeld = () => Promise.race([held!.released, gone]);
    let fault: FaultKind | null = null;
    const shot = held ? -1 : oneShot.findIndex((o) => o.method === method);
    if (shot >= 0) fault = oneShot.splice(shot, 1)[0]!.kind;
    else if (!held && faults.methods.includes(method)) {
      const r = random();
      let edge = 0;
      const pick = (rate: number, kind: FaultKind) => { if (fault === null) { edge += rate; if (r < edge) fault = kind; } };
      pick(faults.rateLimitRate, 'rateLimit');
      pick(faults.serverErrorRate, 'serverError');
      pick(faults.serverErrorAfterCommitRate, 'serverErrorAfterCommit');
      pick(faults.dropAfterCommitRate, 'dropAfterCommit');
      pick(faults.malformedRate, 'malformed');
    }
    entry.fault = fault;
    if (fault) faultCounts[fault as FaultKind]++;
    if (fault === 'rateLimit') {
      entry.status = 429;
      res.setHeader('retry-after', String(faults.retryAfterSeconds));
      send(res, { status: 429, body: { data: null, success: false, message: 'Too Many Requests', error: 429 } });
      return;
    }
    if (fault === 'serverError') {
      entry.status = 502;
      const html = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
      res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
      res.end(html);
      return;
    }

    let reply: Reply;
    try {
      let body: unknown = undefined;
      // POST /IT-invoices carries the invoice XML itself, not JSON.
      if (method === 'POST' && url.pathname.replace(/\/+$/, '') === '/IT-invoices') body = raw;
      else if (method === 'POST' || method === 'PATCH') {
        try {
          body = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          throw new ApiError(400, 400, 'Invalid JSON body');
        }
        if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 400, 'The request body must be a JSON object');
      }
      const contentType = String(req.headers['content-type'] ?? '');
      const wantsPdf = contentType.includes('application/pdf') || String(req.headers.accept ?? '').includes('application/pdf');
      if (held?.commit === 'before') {
        await waitHeld();
        if (clientGone) {
          entry.status = 'dropped';
          held.finish('dropped');
          return;
        }
      }
      reply = route(method, url, body, wantsPdf, contentType);
    } catch (e) {
      reply = e instanceof ApiError && e.httpStatus !== 401 && url.pathname.startsWith('/IT-receipts') ? shapedError(e) : errorReply(e);
    }
    if (held) {
      if (held.commit === 'after') await waitHeld();
      if (clientGone) {
        entry.status = 'dropped';
        held.finish('dropped');
        return;
      }
    }

    if (fault === 'serverErrorAfterCommit') {
      entry.status = 500;
      send(res, { status: 500, body: { data: null, success: false, message: 'Internal Server Error', error: 500 } });
      return;
    }
    if (fault === 'dropAfterCommit') {
      entry.status = 'dropped';
      res.destroy();
      return;
    }
    if (fault === 'malformed') {
      entry.status = 200;
      malformed(res, reply);
      return;
    }
    entry.status = reply.status;
    const html = (reply as { html?: string }).html;
    if (html !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
      res.end(html);
    } else send(res, reply);
    held?.finish('answered');
  }

  const sockets = new Set<Socket>();
  const makeServer = (): Server => {
    const s = createServer((req, res) => {
      handle(req, res).catch((e) => {
        if (!res.headersSent) send(res, errorReply(e));
        else res.destroy();
      });
    });
    s.keepAliveTimeout = 5_000;
    s.on('connection', (sock) => { sockets.add(sock); sock.on('close', () => sockets.delete(sock)); });
    return s;
  };
  const listen = (s: Server, port: number) => new Promise<number>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
  });
  const stop = (s: Server) => new Promise<void>((resolve) => {
    for (const sock of sockets) sock.destroy();
    s.close(() => resolve());
  });

  let server = makeServer();
  const port = await listen(server, opts.port ?? 0);
  let online = true;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    invoiceStore,
    invoices: () => invoiceStore.invoices.map((i) => invoiceStore.toJson(i)),
    close: async () => { if (online) { online = false; await stop(server); } },
    receipts: () => { store.advance(); return store.receipts.map((r) => store.toJson(r) as ApiReceipt); },
    configurations: () => [...store.configurations.values()].map((c) => store.configurationJson(c)),
    setFaults: (f) => { faults = { ...faults, ...f }; },
    failNext: (kind, o = {}) => { for (let i = 0; i < (o.times ?? 1); i++) oneShot.push({ kind, method: o.method ?? 'POST' }); },
    setToken: (t) => { token = t; },
    setLifecycle: (patch) => store.setLifecycle(patch),
    goOffline: async () => { if (online) { online = false; await stop(server); } },
    goOnline: async () => { if (!online) { server = makeServer(); await listen(server, port); online = true; } },
    requests: () => log.slice(),
    stats: () => ({ requests: log.length, commits, faults: { ...faultCounts } }),
    setErrorShape: (shape) => { errorShape = shape; },
    refuseConfigurations: (refusal, o = {}) => {
      const r = typeof refusal === 'string' ? CONFIG_REFUSALS[refusal] : refusal;
      refusals.push({ ...r, methods: o.methods ?? ['GET', 'POST', 'PATCH', 'DELETE'], left: Math.max(1, o.times ?? 1) });
    },
    registerElsewhere: (fiscalId) => { store.registeredElsewhere.add(fiscalId); },
    setAdeAccounts: (accounts) => { store.adeAccounts = accounts ? new Map(Object.entries(accounts)) : null; },
    configurationBodies: () => configBodies.map((b) => ({ ...b, body: JSON.parse(JSON.stringify(b.body)) })),
    hold: (o = {}) => {
      let reach!: (e: RequestLogEntry) => void;
      let release!: () => void;
      let finish!: (how: 'answered' | 'dropped') => void;
      const reached = new Promise<RequestLogEntry>((r) => { reach = r; });
      const released = new Promise<void>((r) => { release = r; });
      const done = new Promise<'answered' | 'dropped'>((r) => { finish = r; });
      holds.push({ methods: o.methods ?? ['POST', 'PATCH', 'DELETE'], left: Math.max(1, o.nth ?? 1), commit: o.commit ?? 'before', reach, released, finish });
      return { reached, release, done };
    },
  };
}
