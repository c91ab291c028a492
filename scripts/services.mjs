// Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL (or the local
// defaults). When a local one is down it is started, in this order of preference:
//   1. the machine's own server (a Debian PostgreSQL cluster on that port: pg_ctlcluster);
//   2. the distribution's binaries (initdb/pg_ctl, redis-server) on a data folder of the
//      project's (.weft/services), run as an unprivileged user;
//   3. docker compose (deploy/compose/services.yml: postgres and redis) where a Docker engine runs;
// else it stops with a message saying how to get them.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = process.env.WEFT_DATA_DIR ? path.resolve(process.env.WEFT_DATA_DIR) : path.join(root, '.weft/services');

const reachable = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 1500 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

const shown = (dir) => (dir.startsWith(`${root}${path.sep}`) ? path.relative(root, dir) : dir);
const isLocal = (host) => ['127.0.0.1', 'localhost', '::1'].includes(host);
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const isRoot = () => process.getuid?.() === 0;
const userExists = (name) => spawnSync('id', ['-u', name]).status === 0;

async function waitFor(host, port, what) {
  for (let i = 0; i < 60; i++) {
    if (await reachable(host, port)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not come up on ${host}:${port}`);
}

/** The newest PostgreSQL binaries of the distribution (Debian keeps them out of PATH), or those on PATH. */
function postgresBin() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(path.join(debian, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0], 'bin');
  }
  return have('initdb') && have('pg_ctl') ? '' : undefined;
}

/** Runs a server binary as `user` when this process is root (PostgreSQL refuses root; Redis should not run as root). */
function runAs(user, command, args) {
  const [file, argv] = isRoot() && user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A folder of the project's for one server, owned by the user it runs as (who must be able to reach it). */
function dataFolder(dataDir, name, user) {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const dir = path.join(dataDir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot() && user) {
    const id = (flag) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
    if (spawnSync('runuser', ['-u', user, '--', 'test', '-w', dir]).status !== 0) {
      throw new Error(`${dir} is not reachable by the ${user} user (a parent folder is private): move the project, or set WEFT_DATA_DIR to a folder it can use`);
    }
  }
  return dir;
}

/** The port the machine's Debian cluster listens on, if there is one. */
function machineClusterPort() {
  if (!have('pg_ctlcluster') || !existsSync('/etc/postgresql')) return undefined;
  const version = readdirSync('/etc/postgresql')[0];
  const conf = path.join('/etc/postgresql', version, 'main/postgresql.conf');
  if (!existsSync(conf)) return undefined;
  const port = /^\s*port\s*=\s*(\d+)/m.exec(readFileSync(conf, 'utf8'))?.[1] ?? '5432';
  return { version, port };
}

const dockerWorks = () => have('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

function startWithCompose(service, port, log) {
  log(`starting ${service} on port ${port} with docker compose…`);
  const ports = service === 'postgres' ? { WEFT_PG_PORT: port } : { WEFT_REDIS_PORT: port };
  execFileSync('docker', ['compose', '-f', path.join(root, 'deploy/compose/services.yml'), 'up', '-d', service], { stdio: 'inherit', env: { ...process.env, ...ports } });
}

async function startPostgres(url, dataDir, log) {
  const port = url.port || '5432';
  const cluster = machineClusterPort();
  if (cluster && cluster.port === port) {
    log(`starting PostgreSQL ${cluster.version} (pg_ctlcluster)…`);
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, 'main', 'start'], { stdio: 'inherit' });
    return;
  }
  const bin = postgresBin();
  const user = isRoot() ? (userExists('postgres') ? 'postgres' : undefined) : undefined;
  if (bin !== undefined && (!isRoot() || user)) {
    const dir = dataFolder(dataDir, 'postgres', user);
    const tool = (name) => (bin ? path.join(bin, name) : name);
    if (!existsSync(path.join(dir, 'PG_VERSION'))) {
      log(`creating a PostgreSQL data folder in ${shown(dir)}…`);
      runAs(user, tool('initdb'), ['-D', dir, '-A', 'trust', '-U', decodeURIComponent(url.username || 'postgres'), '--no-instructions']);
    }
    log(`starting PostgreSQL on port ${port} (data in ${shown(dir)})…`);
    runAs(user, tool('pg_ctl'), ['-D', dir, '-w', '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=${url.hostname === '::1' ? '::1' : '127.0.0.1'}`, 'start']);
    return;
  }
  if (dockerWorks()) return startWithCompose('postgres', port, log);
  throw new Error(
    `PostgreSQL is not running at ${url.host} and cannot be started here: install PostgreSQL ≥ 14 (Debian/Ubuntu: apt-get install postgresql), or Docker, or set DATABASE_URL to a running server`,
  );
}

async function startRedis(url, dataDir, log) {
  const port = url.port || '6379';
  if (have('redis-server')) {
    const user = isRoot() ? (userExists('redis') ? 'redis' : undefined) : undefined;
    const dir = dataFolder(dataDir, 'redis', user);
    log(`starting Redis on port ${port}${user ? ` as ${user}` : ''}…`);
    // Nothing in Redis is a source of truth (DESIGN.md): no persistence.
    runAs(user, 'redis-server', ['--daemonize', 'yes', '--bind', url.hostname === '::1' ? '::1' : '127.0.0.1', '--port', port, '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', path.join(dir, 'redis.log'), '--pidfile', path.join(dir, 'redis.pid')]);
    return;
  }
  if (dockerWorks()) return startWithCompose('redis', port, log);
  throw new Error(`Redis is not running at ${url.host} and cannot be started here: install Redis ≥ 7.0 (Debian/Ubuntu: apt-get install redis-server), or Docker, or set REDIS_URL to a running server`);
}

/**
 * Defaults to DATABASE_URL / REDIS_URL; the test suite passes its own (WEFT_TEST_PG_URL /
 * WEFT_TEST_REDIS_URL). `dataDir`: where servers started from the distribution's binaries keep their data.
 */
export async function ensureServices({ quiet = false, databaseUrl = process.env.DATABASE_URL, redisUrl: redis = process.env.REDIS_URL, dataDir = DEFAULT_DATA_DIR } = {}) {
  const log = (m) => quiet || console.log(m);
  const pgUrl = new URL(databaseUrl ?? 'postgresql://postgres@127.0.0.1:5432/weft');
  const redisUrl = new URL(redis ?? 'redis://127.0.0.1:6379');
  if (!(await reachable(pgUrl.hostname, pgUrl.port || 5432))) {
    if (!isLocal(pgUrl.hostname)) throw new Error(`PostgreSQL is not reachable at ${pgUrl.host}; set DATABASE_URL to a running server`);
    await startPostgres(pgUrl, dataDir, log);
    await waitFor(pgUrl.hostname, pgUrl.port || 5432, 'PostgreSQL');
  }
  if (!(await reachable(redisUrl.hostname, redisUrl.port || 6379))) {
    if (!isLocal(redisUrl.hostname)) throw new Error(`Redis is not reachable at ${redisUrl.host}; set REDIS_URL to a running server`);
    await startRedis(redisUrl, dataDir, log);
    await waitFor(redisUrl.hostname, redisUrl.port || 6379, 'Redis');
  }
  log(`PostgreSQL at ${pgUrl.host}, Redis at ${redisUrl.host}: up`);
}

/** Stops the servers `ensureServices` started from the distribution's binaries in `dataDir` (`npm run services -- stop`). */
export function stopProjectServices(dataDir = DEFAULT_DATA_DIR) {
  const postgres = path.join(dataDir, 'postgres');
  const bin = postgresBin();
  if (existsSync(path.join(postgres, 'postmaster.pid')) && bin !== undefined) {
    runAs(isRoot() && userExists('postgres') ? 'postgres' : undefined, bin ? path.join(bin, 'pg_ctl') : 'pg_ctl', ['-D', postgres, '-m', 'fast', '-w', 'stop']);
  }
  const pidFile = path.join(dataDir, 'redis/redis.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const action = process.argv[2] === 'stop' ? async () => stopProjectServices() : () => ensureServices();
  action().catch((error) => {
    console.error(`weft: ${error.message}`);
    process.exit(1);
  });
}
