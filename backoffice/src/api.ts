// The back office's calls to `bancone server`: same origin, the admin token as Bearer on every one.
// The token arrives in the address's fragment (#k=…, never sent in a request line): it is kept in
// this tab's sessionStorage and the fragment is taken out of the address bar.
import i18next from 'i18next';
import type { ErrorInfo } from '../../shared/errors.js';
import { saveBlob } from '../../renderer/src/kit/save-file.js';

const KEY = 'bancone.backoffice.token';

/** The token from the fragment (then kept) or from this tab's storage; null when there is none. */
export function takeToken(w: Window): string | null {
  const m = /(?:^#|&)k=([^&]+)/.exec(w.location.hash);
  if (m) {
    const token = decodeURIComponent(m[1]!);
    w.sessionStorage.setItem(KEY, token);
    w.history.replaceState(null, '', w.location.pathname + w.location.search);
    return token;
  }
  return w.sessionStorage.getItem(KEY);
}

let token = '';
export function setToken(t: string): void { token = t; }

export class ApiError extends Error {
  constructor(readonly info: ErrorInfo, readonly status: number) { super(info.message); }
}

/** An error the page finds itself, in both languages like the server's. */
export function localError(code: string, key: string, params: Record<string, unknown> = {}, field?: string): ErrorInfo {
  return { code, message: i18next.t(key, { ...params, lng: 'it' }), message_en: i18next.t(key, { ...params, lng: 'en' }), ...(field ? { field } : {}) };
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(localError('UNREACHABLE', 'app.unreachable', { detail: (e as Error).message }), 0);
  }
  if (!r.ok) {
    let info: ErrorInfo;
    try {
      info = ((await r.json()) as { error: ErrorInfo }).error;
    } catch {
      info = localError(`HTTP_${r.status}`, 'app.httpError', { status: r.status });
    }
    throw new ApiError(info, r.status);
  }
  return r;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await call('GET', path)).json()) as T;
}

export async function sendJson<T>(method: 'PUT' | 'DELETE' | 'POST', path: string, body?: unknown): Promise<T> {
  return (await (await call(method, path, body)).json()) as T;
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const r = await call('GET', path);
  const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(name, await r.blob());
}

export const qs = (o: Record<string, string | number | undefined | null>) =>
  Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
