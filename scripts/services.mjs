// Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL (or the
// local defaults), starting the machine's own servers when they are down.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';


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

const isLocal = (host) => ['127.0.0.1', 'localhost', '::1'].includes(host);
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

async function waitFor(host, port, what) {
  for (let i = 0; i < 60; i++) {
    if (await reachable(host, port)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not come up on ${host}:${port}`);
}

/** Defaults to DATABASE_URL / REDIS_URL; the test suite passes its own (WEFT_TEST_PG_URL / WEFT_TEST_REDIS_URL). */
export async function ensureServices({ quiet = false, databaseUrl = process.env.DATABASE_URL, redisUrl: redis = process.env.REDIS_URL } = {}) {
  const log = (m) => quiet || console.log(m);
  const pgUrl = new URL(databaseUrl ?? 'postgresql://postgres@127.0.0.1:5432/weft');
  const redisUrl = new URL(redis ?? 'redis://127.0.0.1:6379');
  if (!(await reachable(pgUrl.hostname, pgUrl.port || 5432))) {
    if (!isLocal(pgUrl.hostname)) throw new Error(`PostgreSQL is not reachable at ${pgUrl.host}; set DATABASE_URL to a running server`);
    if (have('pg_ctlcluster') && existsSync('/etc/postgresql')) {
      const version = readdirSync('/etc/postgresql')[0];
      log(`starting PostgreSQL ${version} (pg_ctlcluster)…`);
      execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'inherit' });
    } else {
      throw new Error('PostgreSQL is not running and no pg_ctlcluster was found: install PostgreSQL ≥ 14 or set DATABASE_URL');
    }
    await waitFor(pgUrl.hostname, pgUrl.port || 5432, 'PostgreSQL');
  }
  if (!(await reachable(redisUrl.hostname, redisUrl.port || 6379))) {
    if (!isLocal(redisUrl.hostname)) throw new Error(`Redis is not reachable at ${redisUrl.host}; set REDIS_URL to a running server`);
    if (!have('redis-server')) throw new Error('Redis is not running and redis-server was not found: install Redis ≥ 7.0 or set REDIS_URL');
    log('starting Redis (redis-server)…');
    execSync(`redis-server --daemonize yes --bind 127.0.0.1 --port ${redisUrl.port || 6379} --save "" --appendonly no`, { stdio: 'inherit' });
    await waitFor(redisUrl.hostname, redisUrl.port || 6379, 'Redis');
  }
  log(`PostgreSQL at ${pgUrl.host}, Redis at ${redisUrl.host}: up`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureServices().catch((error) => {
    console.error(`weft: ${error.message}`);
    process.exit(1);
  });
}
