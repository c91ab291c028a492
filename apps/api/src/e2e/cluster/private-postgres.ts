import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@weft/testing';

/** A PostgreSQL server of the test's own (the distribution's binaries, a data folder in /tmp), so a scenario may restart it. */
export type PrivatePostgres = { url: string; restart(): void; stop(): void };

const bin = (): string => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
};

/** Runs a PostgreSQL binary as the postgres user when this process is root (initdb refuses root). */
function run(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin(), command), ...args], { encoding: 'utf8' }) : spawnSync(path.join(bin(), command), args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'weft-pg-'));
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
  const port = await freePort();
  run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const ctl = (...args: string[]) => run('pg_ctl', ['-D', dir, '-w', '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, ...args]);
  ctl('start');
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/weft`,
    restart: () => ctl('-m', 'fast', 'restart'),
    stop() {
      try {
        ctl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
