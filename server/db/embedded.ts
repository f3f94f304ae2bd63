// A real PostgreSQL for the shop with no IT (and for the tests): Debian's binaries, a cluster in the
// server's data folder (`<dataDir>/postgres`), created by initdb on first start, listening on
// 127.0.0.1 only (no Unix socket), on a free port, with a password made here and kept in the data
// folder (0600). PostgreSQL refuses to run as root: when we are root, the cluster belongs to the
// `postgres` system user (made by Debian's package) and its programs are started as that user
// (spawn's uid/gid: the postmaster is then our own child, and our signals reach it).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  /** postgres://bancone:…@127.0.0.1:PORT/bancone */
  url: string;
  port: number;
  /** Fast shutdown (SIGINT); resolves when the postmaster has exited. */
  stop(): Promise<void>;
}

const SUPERUSER = 'bancone';

/** The folder of initdb/postgres: BANCONE_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BANCONE_PG_BIN) return env.BANCONE_PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('PostgreSQL not found: install Debian\'s postgresql (apt-get install postgresql) or set BANCONE_PG_BIN to the folder of initdb and postgres');
  return join(base, versions[0], 'bin');
}

/** Who runs PostgreSQL: ourselves, or (as root, which PostgreSQL refuses) the postgres system user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('Running as root, and there is no `postgres` user to run PostgreSQL as (PostgreSQL refuses root)');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once the postmaster says it accepts connections; rejects with its output if it exits first. */
function untilReady(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('database system is ready to accept connections')) { cleanup(); resolve(); }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`PostgreSQL (${what}) did not start (exit ${code ?? signal}):\n${out}`));
    };
    const onError = (e: Error) => { cleanup(); reject(new Error(`PostgreSQL (${what}) could not be run: ${e.message}`)); };
    const cleanup = () => { child.stderr?.off('data', onData); child.off('exit', onExit); child.off('error', onError); child.stderr?.resume(); };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

const urlOf = (port: number, password: string) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/bancone`;

/** The port of the cluster's live postmaster, or null when none runs. */
function runningPort(cluster: string): number | null {
  let lines: string[];
  try { lines = readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n'); } catch { return null; }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !(lines[7] ?? '').trim().startsWith('ready')) return null;
  try { process.kill(pid, 0); } catch { return null; }
  return port;
}

/** Starts (and on first start creates) the cluster in `<dataDir>/postgres`. */
export async function startEmbeddedPostgres(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedPostgres> {
  const bin = postgresBinDir(env);
  const as = runAs();
  mkdirSync(dataDir, { recursive: true });
  const cluster = join(dataDir, 'postgres');
  const pwFile = join(dataDir, 'postgres.password');
  const asUser: SpawnOptions = as ? { uid: as.uid, gid: as.gid, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } } : {};
  if (as) chmodSync(dataDir, 0o711); // the postgres user must reach its cluster inside our folder
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    rmSync(cluster, { recursive: true, force: true }); // a half-made cluster from a failed first start
    mkdirSync(cluster, { mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    writeFileSync(pwFile, password, { mode: 0o600 });
    // initdb reads the password from a file the cluster's owner can read; removed right after.
    const initPw = join(cluster, '..', `.initdb-pw-${process.pid}`);
    writeFileSync(initPw, password, { mode: 0o600 });
    if (as) { chownSync(cluster, as.uid, as.gid); chownSync(initPw, as.uid, as.gid); }
    const r = spawnSync(join(bin, 'initdb'), [
      '-D', cluster, '-U', SUPERUSER, '--pwfile', initPw, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
    ], { encoding: 'utf8', ...asUser });
    rmSync(initPw, { force: true });
    if (r.status !== 0) throw new Error(`PostgreSQL initdb failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  }
  const password = readFileSync(pwFile, 'utf8').trim();
  // Already running (the server is up and `bancone server pair` needs the database too): use it,
  // and leave it running. postmaster.pid: pid, folder, start time, port, socket dir, address, shm, status.
  const running = runningPort(cluster);
  if (running !== null) {
    await createDatabase(running, password);
    return { url: urlOf(running, password), port: running, stop: async () => {} };
  }
  const port = await freePort();
  const child = spawn(join(bin, 'postgres'), ['-D', cluster, '-p', String(port), '-h', '127.0.0.1', '-k', ''],
    { stdio: ['ignore', 'ignore', 'pipe'], ...asUser });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await untilReady(child, `port ${port}${as ? ', as the postgres user' : ''}`);
  await createDatabase(port, password);
  return {
    url: urlOf(port, password),
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** The `bancone` database, made once (initdb makes only postgres/template0/template1). */
async function createDatabase(port: number, password: string): Promise<void> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await c.connect();
  try {
    const r = await c.query("SELECT 1 FROM pg_database WHERE datname = 'bancone'");
    if (r.rowCount === 0) await c.query('CREATE DATABASE bancone');
  } finally {
    await c.end();
  }
}
