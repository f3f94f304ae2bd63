// The Electron composition root, run in plain Node with fakes for what main.ts passes in
// (utilityProcess → a recorder, safeStorage → a reversible wrapper).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createAppServices, type AppServices } from '../../../backend/programs/electron-till.js';
import { resolveConfig } from '../../../backend/config.js';
import { fakeClock } from '../../../shared/time.js';

const opened: AppServices[] = [];
afterEach(async () => { for (const s of opened.splice(0)) await s.close(); });

function wrapper() {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return { wrap: (b: Buffer) => Buffer.concat([Buffer.from('WRAPPED:'), flip(b)]), unwrap: (b: Buffer) => flip(b.subarray(8)) };
}

describe('Electron composition root (backend/programs/electron-till.ts)', () => {
  it('starts the sync process with the ledger paths, hands it the token, kicks it after a commit, and stops it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-app-'));
    const config = resolveConfig({ BANCONE_DATA_DIR: dir });
    const posted: unknown[] = [];
    const started: { args: string[]; env: Record<string, string> }[] = [];
    const app = await createAppServices({
      config,
      env: { BANCONE_DATA_DIR: dir },
      clock: fakeClock('2026-11-21T10:00:00Z'),
      keyWrapper: wrapper(),
      startSyncProcess: (args, env) => { started.push({ args, env }); return { post: (m) => posted.push(m), kill: () => undefined }; },
    });
    opened.push(app);
    expect(started).toHaveLength(1);
    expect(started[0]!.args).toEqual(['--db', config.dbFile, '--data-dir', dir]);
    expect(started[0]!.env.BANCONE_OPENAPI_TOKEN).toBeUndefined();

    const st = await app.call('session.state', {});
    expect(st).toMatchObject({ ok: true, value: { setupRequired: true } });
    const manager = await app.call('session.setup', { name: 'Anna', pin: '1234' });
    expect(manager.ok).toBe(true);
    const set = await app.call('settings.setSecret', { name: 'openapi.token', value: 'tok-123456' });
    expect(set).toMatchObject({ ok: true });
    // The key file on disk is the wrapped one (encrypted at rest by the OS keychain in Electron).
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).not.toBe('');
    expect(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8'), 'base64').subarray(0, 8).toString()).toBe('WRAPPED:');
    expect(posted).toContainEqual({ type: 'token', token: 'tok-123456' });
    expect(posted).toContainEqual({ type: 'kick' });

    await app.close();
    opened.pop();
    expect(posted.at(-1)).toEqual({ type: 'stop' });
  });

  it('refuses an unknown method with a contract error instead of throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bancone-app-'));
    const app = await createAppServices({ config: resolveConfig({ BANCONE_DATA_DIR: dir }), env: {}, startSyncProcess: () => ({ post: () => undefined, kill: () => undefined }) });
    opened.push(app);
    const r = await app.call('fs.readFile', { path: '/etc/passwd' });
    expect(r.ok).toBe(false);
  });
});
