// `bancone serve --demo` as a user runs it: a child process, its own data folder, the address on
// stdout; the API answers with the token and refuses without; SIGTERM stops it cleanly.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness.js';

let child: ChildProcess | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'bancone-serve-'));

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function readJsonLine(c: ChildProcess): Promise<{ url: string; port: number; dataDir: string; demo: boolean }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    c.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    c.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{[\s\S]*?\n\}/.exec(out);
      if (m) resolve(JSON.parse(m[0]));
    });
    c.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

describe('bancone serve --demo', () => {
  it('starts on 127.0.0.1 with a demo shop and stops on SIGTERM', async () => {
    child = spawn(process.execPath, [join(ROOT, 'bin', 'bancone.mjs'), 'serve', '--demo', '--json'], {
      cwd: ROOT,
      env: { ...process.env, BANCONE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const info = await readJsonLine(child);
    expect(info).toMatchObject({ demo: true, dataDir: join(dataDir, 'demo') });
    const url = new URL(info.url);
    expect(url.hostname).toBe('127.0.0.1');
    const token = /token=([\w-]+)/.exec(url.hash)![1]!;
    const call = (name: string, auth: string) => fetch(`${url.origin}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${auth}`, 'X-Bancone-Session': 'serve-test-1' },
      body: JSON.stringify({ name, arg: {} }),
    });
    expect((await call('session.state', 'nope')).status).toBe(401);
    const state = await (await call('session.state', token)).json();
    expect(state.value.operators.map((o: { name: string }) => o.name)).toEqual(['Giulia', 'Marco']);
    // The demo is for trying the real flow: a set-up, fiscal shop, not training mode.
    expect((await (await call('setup.training', token)).json()).value).toMatchObject({ training: false, missing: [] });
    expect((await fetch(`${url.origin}/`)).status).toBe(200);
    expect(existsSync(join(dataDir, 'demo', 'bancone.db'))).toBe(true);
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
