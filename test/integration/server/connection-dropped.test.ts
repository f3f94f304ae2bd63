// PostgreSQL drops the server's idle connections (a restart, an administrator's pg_terminate_backend):
// the server must stay up and answer the next request on a new connection. pg's Pool reports such a
// connection as an 'error' event; with no listener, Node ended the whole `bancone server` process.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../server/db/embedded.js';
import { freePort, startServerProcess, type ServerProcess } from '../../fixtures/shop-link-upload.js';

const dir = mkdtempSync(join(tmpdir(), 'bancone-pgdrop-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  // A server that died (the defect this test is about) leaves its PostgreSQL behind: stop it too.
  const pidFile = join(dir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try { process.kill(pid, 'SIGINT'); } catch { /* already gone */ }
    await expect.poll(() => existsSync(pidFile), { timeout: 30_000 }).toBe(false);
  }
  rmSync(dir, { recursive: true, force: true });
});

it('survives PostgreSQL dropping its idle connections, and answers the next request', async () => {
  server = await startServerProcess(dir, await freePort());
  expect((await fetch(`${server.url}/health`)).status).toBe(200); // leaves an idle connection in the pool

  // The running cluster, as `bancone server pair` reaches it.
  const admin = new pg.Client({ connectionString: (await startEmbeddedPostgres(dir)).url });
  await admin.connect();
  try {
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = 'bancone' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
    expect(killed.rowCount).toBeGreaterThan(0);
  } finally {
    await admin.end();
  }
  await expect.poll(async () => (await fetch(`${server!.url}/health`).catch(() => null))?.status ?? 'down', { timeout: 15_000 }).toBe(200);
  expect(server.child.exitCode).toBeNull();
});
