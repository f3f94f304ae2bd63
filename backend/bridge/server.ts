// The localhost bridge of `bancone serve`: the built renderer, the persistent channel (a WebSocket
// on /api/channel carrying calls with ids and the backend's pushed change events) and POST
// /api/call (one call per request: the fallback while the socket is down, and for bodies too large
// for one frame), for a browser on the same machine. Guards, in order, the same for both: bound to
// 127.0.0.1 only; the Host header must name this server (a DNS-rebinding page arrives with its own
// host name); an Origin must be ours (when sent, for HTTP; always, for the socket: browsers always
// send it there, and cross-site WebSocket hijacking is the attack it stops); every call carries the
// per-run session token, which the page reads from the URL fragment — fragments never reach
// servers or logs — and keeps in sessionStorage (HTTP: Authorization: Bearer; socket: offered as a
// subprotocol, "bancone.token.<token>", since browsers cannot set headers on a WebSocket).
import { RENDERER_CSP, RENDERER_MIME_TYPES } from '../security.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
// ws: Node 20 has no WebSocket server, and the protocol (framing, masking, fragmentation, close
// handshake) is not something to hand-roll in a till; ws is the standard one, with no dependencies.
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../api/dispatcher.js';
import type { ChangeSource } from './changes.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { CHANNEL_PATH, CHANNEL_PROTOCOL, CHANNEL_TOKEN_PREFIX, type ChannelReply } from '../../shared/contract/channel.js';

export interface BridgeOptions {
  dispatcher: Dispatcher;
  /** The built renderer (out/renderer); null serves the API only. */
  rendererDir: string | null;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token for tests; default 32 random bytes. */
  token?: string;
  /** Largest request body (a catalog CSV travels in one call). */
  maxBodyBytes?: number;
  /** Content-Security-Policy sent with every page (the same policy Electron applies). */
  csp?: string;
  /** What changed, pushed to every connected page (the till's change feed); none: calls only. */
  events?: ChangeSource;
  /** Accept the WebSocket channel (default true; the UI benchmark turns it off to measure HTTP alone). */
  webSocket?: boolean;
  /** How long a client may take (default BRIDGE_TIMEOUTS; tests shorten them). */
  timeouts?: Partial<BridgeTimeouts>;
}

export interface BridgeTimeouts {
  /** To send the whole request head. */
  headersMs: number;
  /** To send the whole request, body included (a 25 MB catalogue over loopback takes well under a second). */
  requestMs: number;
  /** How often Node looks for requests over their time (its default, 30 s, would let a slow socket live that long). */
  checkEveryMs: number;
}

/**
 * The page is on the same machine: a request head comes in microseconds and the largest body in
 * well under a second. Node's defaults (60 s for the head, 300 s for the request, checked every
 * 30 s) let a slow or stalled socket hold a connection for minutes.
 */
export const BRIDGE_TIMEOUTS: Readonly<BridgeTimeouts> = { headersMs: 5_000, requestMs: 30_000, checkEveryMs: 1_000 };

export interface Bridge {
  /** Open this in the browser: origin + "/#token=…". */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const SESSION_HEADER = 'x-bancone-session';
const SESSION_RE = /^[A-Za-z0-9_-]{8,64}$/;

/** The same policy Electron's session applies (one definition, in security.ts). */
export const BRIDGE_CSP = RENDERER_CSP;


function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
}

function errorBody(code: string, it: string, en: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code, message: it, message_en: en } };
}

/** The request target as a URL, or null when it does not parse («http://[x/»): thrown, it would end the process. */
function requestUrl(req: IncomingMessage, host: string): URL | null {
  try {
    return new URL(req.url ?? '/', `http://${host}`);
  } catch {
    return null;
  }
}

/** The path's percent-escapes decoded, or null when they are malformed («/%E0%A4%A»): the client's error. */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' };

/** Refuses a WebSocket handshake with a plain HTTP answer (the socket never opens). */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** The offered subprotocols, e.g. "bancone.v1, bancone.token.abc". */
function offeredProtocols(req: IncomingMessage): string[] {
  return String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
}

function isCall(m: unknown): m is { type: 'call'; id: number; name: unknown; arg: unknown } {
  return !!m && typeof m === 'object' && (m as { type?: unknown }).type === 'call' && Number.isSafeInteger((m as { id?: unknown }).id);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) return null;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 25 * 1024 * 1024;
  const csp = opts.csp ?? BRIDGE_CSP;
  const root = opts.rendererDir ? resolve(opts.rendererDir) : null;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!root) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    const decoded = decodePath(pathname);
    if (decoded === null) return send(res, 400, 'Indirizzo non valido / invalid address', 'text/plain; charset=utf-8');
    const rel = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
    try {
      const st = await stat(file);
      if (!st.isFile()) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      const body = await readFile(file);
      const type = RENDERER_MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const isHtml = type.startsWith('text/html');
      send(res, 200, req.method === 'HEAD' ? '' : body, type, {
        'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
        ...(isHtml ? { 'Content-Security-Policy': csp } : {}),
      });
    } catch {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!sameSecret(given, token))
      return sendJson(res, 401, errorBody('BRIDGE_TOKEN', "Sessione non autorizzata: riaprire l'indirizzo completo mostrato da bancone serve", 'Unauthorized session: open the full address printed by bancone serve'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return sendJson(res, 415, errorBody('BRIDGE_CONTENT_TYPE', 'Richiesta non valida (serve JSON): ricaricare la pagina', 'Invalid request (JSON required): reload the page'));
    const session = String(req.headers[SESSION_HEADER] ?? '');
    if (!SESSION_RE.test(session))
      return sendJson(res, 400, errorBody('BRIDGE_SESSION', 'Sessione mancante o non valida: ricaricare la pagina', 'Missing or invalid session: reload the page'));
    const text = await readBody(req, maxBody);
    if (text === null) return sendJson(res, 413, errorBody('BRIDGE_TOO_LARGE', 'Richiesta troppo grande: dividere il file in parti più piccole', 'Request too large: split the file into smaller parts'));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, errorBody('BRIDGE_JSON', 'Richiesta non leggibile (JSON non valido): ricaricare la pagina', 'Unreadable request (invalid JSON): reload the page'));
    }
    const { name, arg } = (body ?? {}) as { name?: unknown; arg?: unknown };
    const result = await opts.dispatcher.call(typeof name === 'string' ? name : '', arg, { id: `bridge:${session}` });
    sendJson(res, 200, result);
  }

  const timeouts = { ...BRIDGE_TIMEOUTS, ...opts.timeouts };
  const server: Server = createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  }, (req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 421, 'Host non consentito / host not allowed', 'text/plain; charset=utf-8');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Origine non consentita / origin not allowed', 'text/plain; charset=utf-8');
    const url = requestUrl(req, host);
    if (!url) return send(res, 400, 'Indirizzo non valido / invalid address', 'text/plain; charset=utf-8');
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'POST' });
      handleCall(req, res).catch(() => sendJson(res, 500, errorBody('BRIDGE_INTERNAL', 'Errore interno della cassa: riprovare; se si ripete, riavviare Bancone', 'Internal till error: try again; if it happens again, restart Bancone')));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    serveStatic(req, res, url.pathname).catch(() => send(res, 500, 'Internal error', 'text/plain; charset=utf-8'));
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  // The persistent channel: the same checks as /api/call, at the handshake (a refused socket never opens).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxBody,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(CHANNEL_PROTOCOL) ? CHANNEL_PROTOCOL : false),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return refuseUpgrade(socket, 421, 'Host non consentito / host not allowed');
    const origin = req.headers.origin;
    if (origin === undefined || !allowedOrigins().has(origin)) return refuseUpgrade(socket, 403, 'Origine non consentita / origin not allowed');
    const url = requestUrl(req, host);
    if (!url) return refuseUpgrade(socket, 400, 'Indirizzo non valido / invalid address');
    if (url.pathname !== CHANNEL_PATH || opts.webSocket === false) return refuseUpgrade(socket, 404, 'Not found');
    const offered = offeredProtocols(req);
    const given = offered.find((p) => p.startsWith(CHANNEL_TOKEN_PREFIX))?.slice(CHANNEL_TOKEN_PREFIX.length) ?? '';
    if (!sameSecret(given, token)) return refuseUpgrade(socket, 401, "Sessione non autorizzata: riaprire l'indirizzo completo mostrato da bancone serve / unauthorized session");
    if (!offered.includes(CHANNEL_PROTOCOL)) return refuseUpgrade(socket, 400, 'Protocollo non supportato: ricaricare la pagina / unsupported protocol: reload the page');
    const session = url.searchParams.get('session') ?? '';
    if (!SESSION_RE.test(session)) return refuseUpgrade(socket, 400, 'Sessione mancante o non valida: ricaricare la pagina / missing or invalid session: reload the page');
    wss.handleUpgrade(req, socket, head, (ws) => serveChannel(ws, session));
  });

  /** One per open channel: the bridge's close stops the pushes at once, not when each socket has gone. */
  const unsubscribers = new Set<() => void>();

  function serveChannel(ws: WebSocket, session: string): void {
    const reply = (m: ChannelReply) => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m)); };
    const unsubscribe = opts.events?.subscribe((event) => reply({ type: 'event', event })) ?? (() => undefined);
    unsubscribers.add(unsubscribe);
    ws.on('close', () => { unsubscribers.delete(unsubscribe); unsubscribe(); });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let m: unknown;
      try {
        m = JSON.parse(String(data));
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      if (!isCall(m)) return ws.close(1008, 'not a call');
      const { id, name, arg } = m;
      // Calls run concurrently, as over HTTP; the dispatcher serializes the writes.
      opts.dispatcher.call(typeof name === 'string' ? name : '', arg, { id: `bridge:${session}` }).then(
        (result) => reply({ type: 'result', id, result }),
        () => reply({ type: 'result', id, result: errorBody('BRIDGE_INTERNAL', 'Errore interno della cassa: riprovare; se si ripete, riavviare Bancone', 'Internal till error: try again; if it happens again, restart Bancone') }),
      );
    });
  }
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () => new Promise<void>((ok) => {
      for (const u of unsubscribers) u();
      unsubscribers.clear();
      for (const c of wss.clients) c.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}
