// A strict local stand-in for Fattura Elettronica API REST 2.0 (shared/reference/providers/
// fattura-elettronica-api-rest-2.0.txt), for the provider adapter's tests. 127.0.0.1 only.
//
//   POST /authentication            Basic → {token, expires}
//   POST /fatture                   Content-Type application/xml: the FatturaPA, XSD-validated (xmllint --nonet)
//   GET  /fatture                   unread / date_from / date_to / id_from / id_to / sdi_id… filters, per_page, page
//   GET  /fatture/{id}              one transmission's update
//   GET  /fatture/{id}/pdf          a PDF of it
// Every call: Basic (user:password) or Bearer (a token from /authentication or the X-auth-token header
// a Basic call gets back). Errors: {"error": "..."} with 400, 401 or 404, as the guide says.
//
// One liberty, marked: the guide lists `sdi_nome_file` and `dati_documento` only on received rows
// (ricezione=1); here transmission rows carry them too, so the adapter can find an invoice by its
// number and date after a lost answer. To be checked against the live service before relying on it.
// Dates are written "yyyy-mm-dd hh:mm:ss" in UTC (the guide does not name the zone).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { firstText, xsdErrors } from './xsd.js';

export type FeaState = 'INVI' | 'ERRO' | 'CONS' | 'NONC';
export interface FeaClock { now(): Date }

export interface FeaInvoice {
  id: number;
  sdiId: number | null;
  fileName: string;
  xml: string;
  numero: string;
  data: string;
  tipo: string;
  state: FeaState;
  message: string | null;
  updatedAt: string;
  unread: boolean;
}

export type FeaFault = 'serverError' | 'dropAfterCommit' | 'rateLimit';

export interface FeaOptions {
  port?: number;
  username?: string;
  password?: string;
  clock?: FeaClock;
  /** The schema the POSTed XML is checked against (default: the official FatturaPA 1.2.2). */
  xsd?: string;
}

export interface FeaEmulator {
  /** The endpoint, like https://fattura-elettronica-api.it/ws2.0/test. */
  url: string;
  close(): Promise<void>;
  /** Every stored transmission, oldest first. */
  invoices(): FeaInvoice[];
  /** Test control: the SDI moves an invoice on (CONS consegnata, NONC non consegnata, ERRO scartata). */
  setState(id: number, state: FeaState, message?: string | null): void;
  /** The next `times` POST /fatture meet this fault (serverError: 500, nothing stored; dropAfterCommit: stored, connection dropped;
   *  rateLimit: 429 with Retry-After 120, nothing stored — the guide does not document the service's limits, this is the usual shape). */
  failNext(fault: FeaFault, times?: number): void;
  requests(): Array<{ method: string; path: string; status: number | 'dropped' }>;
  /**
   * Holds the next POST /fatture in flight until release() or until its client goes away (a killed
   * process): 'before' anything is stored, or 'after' storing it (a kill then leaves it stored, unanswered).
   */
  hold(opts?: { commit?: 'before' | 'after' }): FeaHold;
}

export interface FeaHold {
  /** Resolves once the held request has arrived. */
  reached: Promise<void>;
  release(): void;
  /** 'answered' after release(), 'dropped' when the client went away first. */
  done: Promise<'answered' | 'dropped'>;
}

const BASE = '/ws2.0/test';
const LIST_PARAMS = new Set(['unread', 'date_from', 'date_to', 'id_from', 'id_to', 'sdi_id_from', 'sdi_id_to', 'sdi_id', 'partita_iva', 'solo_ricezioni', 'solo_trasmissioni', 'per_page', 'page']);

const pad = (n: number) => String(n).padStart(2, '0');
function stamp(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
/** "yyyy-mm-dd" or "yyyy-mm-dd hh:mm:ss", as the filters take them; null if neither. */
function filterDate(s: string, endOfDay: boolean): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s} ${endOfDay ? '23:59:59' : '00:00:00'}`;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) return s;
  return null;
}

class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 404, message: string) { super(message); }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFatturaElettronicaApi(opts: FeaOptions = {}): Promise<FeaEmulator> {
  const username = opts.username ?? 'negozio';
  const password = opts.password ?? 'segreta';
  const clock = opts.clock ?? { now: () => new Date() };
  const store: FeaInvoice[] = [];
  const tokens = new Map<string, number>(); // token → expiry (ms)
  const faults: FeaFault[] = [];
  const holds: Array<{ commit: 'before' | 'after'; reach: () => void; released: Promise<void>; finish: (how: 'answered' | 'dropped') => void }> = [];
  const log: Array<{ method: string; path: string; status: number | 'dropped' }> = [];
  let nextId = 1001;
  let nextSdiId = 700_000_001;
  let progressive = 1;
  const sockets = new Set<Socket>();

  function issueToken(res: ServerResponse): { token: string; expires: string } {
    const token = randomBytes(16).toString('hex');
    const expiry = clock.now().getTime() + 12 * 3600_000;
    tokens.set(token, expiry);
    const expires = stamp(new Date(expiry));
    res.setHeader('X-auth-token', token);
    res.setHeader('X-auth-expires', expires);
    return { token, expires };
  }

  /** 'basic' or 'bearer' when the caller is who it says, else throws 401. */
  function authenticate(req: IncomingMessage): 'basic' | 'bearer' {
    const h = req.headers.authorization ?? '';
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(h);
    if (basic) {
      const [u, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      if (u === username && rest.join(':') === password) return 'basic';
      throw new HttpError(401, 'Credenziali non valide');
    }
    const bearer = /^Bearer (\S+)$/.exec(h);
    if (bearer) {
      const exp = tokens.get(bearer[1]!);
      if (exp !== undefined && exp > clock.now().getTime()) return 'bearer';
      throw new HttpError(401, 'Token non valido o scaduto');
    }
    throw new HttpError(401, 'Autenticazione richiesta');
  }

  function row(f: FeaInvoice): Record<string, unknown> {
    return {
      ricezione: 0, id: f.id, sdi_identificativo: f.sdiId, sdi_stato: f.state, sdi_messaggio: f.message,
      sdi_data_aggiornamento: f.updatedAt, sdi_nome_file: f.fileName,
      dati_documento: { documento: { tipo: f.tipo, Numero: f.numero, Data: f.data } },
    };
  }

  function list(q: URLSearchParams): Record<string, unknown>[] {
    for (const k of q.keys()) if (!LIST_PARAMS.has(k)) throw new HttpError(400, `Parametro non riconosciuto: ${k}`);
    const num = (k: string): number | null => {
      const v = q.get(k);
      if (v === null) return null;
      if (!/^\d+$/.test(v)) throw new HttpError(400, `Parametro ${k} non numerico`);
      return Number(v);
    };
    const bool = (k: string): boolean => {
      const v = q.get(k);
      if (v === null || v === 'false') return false;
      if (v === 'true') return true;
      throw new HttpError(400, `Parametro ${k}: true o false`);
    };
    const date = (k: string, end: boolean): string | null => {
      const v = q.get(k);
      if (v === null) return null;
      const d = filterDate(v, end);
      if (d === null) throw new HttpError(400, `Parametro ${k}: formato yyyy-mm-dd o yyyy-mm-dd hh:mm:ss`);
      return d;
    };
    const unread = bool('unread');
    const from = date('date_from', false), to = date('date_to', true);
    const idFrom = num('id_from'), idTo = num('id_to'), sdiFrom = num('sdi_id_from'), sdiTo = num('sdi_id_to'), sdiId = num('sdi_id');
    const perPage = num('per_page') ?? 100, page = num('page') ?? 1;
    if (perPage < 1 || perPage > 1000) throw new HttpError(400, 'per_page: da 1 a 1000');
    if (page < 1) throw new HttpError(400, 'page: da 1');
    if (bool('solo_ricezioni')) return []; // this emulator receives nothing
    bool('solo_trasmissioni');
    const hits = store.filter((f) => (!unread || f.unread)
      && (from === null || f.updatedAt >= from) && (to === null || f.updatedAt <= to)
      && (idFrom === null || f.id >= idFrom) && (idTo === null || f.id <= idTo)
      && (sdiId === null || f.sdiId === sdiId)
      && (sdiFrom === null || (f.sdiId !== null && f.sdiId >= sdiFrom)) && (sdiTo === null || (f.sdiId !== null && f.sdiId <= sdiTo)));
    const pageHits = hits.slice((page - 1) * perPage, page * perPage);
    if (unread) for (const f of pageHits) f.unread = false;
    return pageHits.map(row);
  }

  function receive(xml: string, contentType: string | undefined): FeaInvoice {
    if (!/^application\/xml\b/i.test(contentType ?? '')) throw new HttpError(400, 'Content-Type: per l\'invio da XML serve application/xml');
    const body = xml.replace(/^\uFEFF/, '');
    if (!body.includes('FatturaElettronica')) throw new HttpError(400, 'Il corpo non contiene una FatturaElettronica');
    const problem = xsdErrors(body, opts.xsd);
    if (problem !== null) throw new HttpError(400, `XML non valido rispetto allo schema FatturaPA: ${problem}`);
    const piva = firstText(body.slice(body.indexOf('CedentePrestatore')), 'IdCodice') ?? '00000000000';
    const f: FeaInvoice = {
      id: nextId++, sdiId: null,
      fileName: `IT${piva}_${(progressive++).toString(36).toUpperCase().padStart(5, '0')}.xml`,
      xml: body,
      numero: firstText(body, 'Numero') ?? '',
      data: firstText(body.slice(body.indexOf('DatiGeneraliDocumento')), 'Data') ?? '',
      tipo: firstText(body, 'TipoDocumento') ?? '',
      state: 'INVI', message: null, updatedAt: stamp(clock.now()), unread: true,
    };
    store.push(f);
    return f;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const answer = (status: number, body: unknown) => {
      log.push({ method, path, status });
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      const body = await readBody(req);
      if (!path.startsWith(`${BASE}/`)) throw new HttpError(404, 'Risorsa non trovata');
      const rel = path.slice(BASE.length);
      const how = authenticate(req);
      if (how === 'basic') issueToken(res);
      if (method === 'POST' && rel === '/authentication') {
        answer(200, issueToken(res));
        return;
      }
      if (method === 'POST' && rel === '/fatture') {
        const fault = faults.shift();
        if (fault === 'rateLimit') {
          res.setHeader('Retry-After', '120');
          answer(429, { error: 'Troppe richieste' });
          return;
        }
        if (fault === 'serverError') {
          log.push({ method, path, status: 500 });
          res.writeHead(500, { 'Content-Type': 'text/html' });
          res.end('<html><body>500 Internal Server Error</body></html>');
          return;
        }
        const held = holds.shift();
        let gone = false;
        const closed = new Promise<void>((r) => res.once('close', () => { if (!res.writableEnded) gone = true; r(); }));
        if (held) held.reach();
        if (held?.commit === 'before') {
          await Promise.race([held.released, closed]);
          if (gone) { log.push({ method, path, status: 'dropped' }); held.finish('dropped'); return; }
        }
        const f = receive(body, req.headers['content-type']);
        if (held?.commit === 'after') {
          await Promise.race([held.released, closed]);
          if (gone) { log.push({ method, path, status: 'dropped' }); held.finish('dropped'); return; }
        }
        held?.finish('answered');
        if (fault === 'dropAfterCommit') {
          log.push({ method, path, status: 'dropped' });
          req.socket.destroy();
          return;
        }
        answer(200, { id: f.id, sdi_identificativo: f.sdiId, sdi_nome_file: f.fileName, sdi_fattura: f.xml, sdi_stato: f.state, sdi_messaggio: f.message });
        return;
      }
      if (method === 'GET' && rel === '/fatture') {
        answer(200, list(url.searchParams));
        return;
      }
      const one = /^\/fatture\/(\d+)(\/pdf)?$/.exec(rel);
      if (method === 'GET' && one) {
        const f = store.find((x) => x.id === Number(one[1]));
        if (!f) throw new HttpError(404, `Fattura ${one[1]} non trovata`);
        if (one[2]) {
          log.push({ method, path, status: 200 });
          res.writeHead(200, { 'Content-Type': 'application/pdf' });
          res.end(Buffer.from(`%PDF-1.4\n% Fattura ${f.numero} del ${f.data}\n%%EOF\n`, 'latin1'));
          return;
        }
        answer(200, row(f));
        return;
      }
      throw new HttpError(404, 'Risorsa non trovata');
    } catch (e) {
      if (e instanceof HttpError) answer(e.status, { error: e.message });
      else answer(400, { error: e instanceof Error ? e.message : String(e) });
    }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
    invoices: () => store.map((f) => ({ ...f })),
    setState(id, state, message = null) {
      const f = store.find((x) => x.id === id);
      if (!f) throw new Error(`no invoice ${id}`);
      f.state = state;
      f.message = message;
      f.sdiId ??= nextSdiId++;
      f.updatedAt = stamp(clock.now());
      f.unread = true;
    },
    failNext(fault, times = 1) { for (let i = 0; i < times; i++) faults.push(fault); },
    requests: () => log.slice(),
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
