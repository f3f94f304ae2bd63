// A fetch over node:http for tests that run in a DOM environment (happy-dom replaces the global
// fetch with its own, which is not what the sync uses in Node): just what the Openapi client reads —
// status, headers, body — with the same network error codes (ECONNREFUSED…) and abort signal.
import { request } from 'node:http';
import type { FetchLike } from '../../../backend/sync/openapi-client.js';

export const nodeFetch: FetchLike = (url, init) => new Promise((resolve, reject) => {
  const u = new URL(url);
  const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: init.method ?? 'GET', headers, signal: init.signal ?? undefined }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const h = new Map(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
      resolve({
        status: res.statusCode ?? 0,
        ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300,
        headers: { get: (k: string) => h.get(k.toLowerCase()) ?? null },
        arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      } as unknown as Response);
    });
  });
  req.on('error', reject);
  if (body !== undefined) req.write(body);
  req.end();
});
