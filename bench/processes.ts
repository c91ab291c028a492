import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The four Weft processes the benchmark runs, each a separate OS process. */
export const PROCESSES = [
  { name: 'api', entry: 'apps/api/dist/main.js', roles: 'api' },
  { name: 'worker', entry: 'apps/worker/dist/main.js', roles: 'worker' },
  { name: 'relay', entry: 'apps/worker/dist/main.js', roles: 'relay' },
  { name: 'projector', entry: 'apps/worker/dist/main.js', roles: 'projector,scheduler' },
] as const;

export type ProcessExit = { name: string; code: number | null; signal: string | null; killed: boolean };

export type WeftStack = {
  apiUrl: string;
  pids: () => number[];
  logFile: (name: string) => string;
  /** SIGTERM to all, SIGKILL to those still running after `deadlineMs`. */
  stop: (deadlineMs?: number) => Promise<ProcessExit[]>;
};

type Started = { name: string; child: ChildProcess; log: string };

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The Node flags `npm start` uses, so the benchmark measures the stack as it is run. */
const NODE_FLAGS = JSON.parse(readFileSync(new URL('../scripts/node-flags.json', import.meta.url), 'utf8')) as string[];

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Starts the stack with `env` (DATABASE_URL, REDIS_URL, WEFT_REDIS_PREFIX, …); resolves once the API answers and every background process has started. */
export async function startStack(root: string, env: Record<string, string>, logDir: string, port: number): Promise<WeftStack> {
  const started: Started[] = PROCESSES.map(({ name, entry, roles }) => {
    const log = path.join(logDir, `${name}.log`);
    const fd = openSync(log, 'a');
    const child = spawn(process.execPath, [...NODE_FLAGS, entry], { cwd: root, env: { ...process.env, ...env, PORT: String(port), WEFT_ROLES: roles }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    return { name, child, log };
  });
  const killAll = () => started.forEach(({ child }) => exited(child) || child.kill('SIGKILL'));
  process.once('exit', killAll);
  const stack: WeftStack = {
    apiUrl: `http://127.0.0.1:${port}`,
    pids: () => started.flatMap(({ child }) => (child.pid && !exited(child) ? [child.pid] : [])),
    logFile: (name) => started.find((s) => s.name === name)?.log ?? '',
    stop: async (deadlineMs = 15_000) => {
      process.off('exit', killAll);
      return Promise.all(started.map((s) => stopOne(s, deadlineMs)));
    },
  };
  try {
    await waitUntilReady(stack, started);
  } catch (error) {
    await stack.stop(2000);
    throw error;
  }
  return stack;
}

async function waitUntilReady(stack: WeftStack, started: Started[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(started.filter((s) => s.name !== 'api'));
  let apiUp = false;
  while (!apiUp || pending.size > 0) {
    const dead = started.find((s) => exited(s.child));
    if (dead) throw new Error(`${dead.name} exited during start-up (${dead.child.exitCode ?? dead.child.signalCode}); see ${dead.log}:\n${tail(dead.log)}`);
    if (Date.now() > deadline) throw new Error(`the stack did not start within ${timeoutMs} ms (waiting for ${apiUp ? [...pending].map((s) => s.name).join(', ') : 'the API'})`);
    for (const s of pending) if (readFileSync(s.log, 'utf8').includes('worker process started')) pending.delete(s);
    apiUp ||= await answers(`${stack.apiUrl}/graphql`);
    await sleep(100);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    return response.ok;
  } catch {
    return false;
  }
}

async function stopOne({ name, child }: Started, deadlineMs: number): Promise<ProcessExit> {
  let killed = false;
  if (!exited(child)) {
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    await exit;
    clearTimeout(timer);
  }
  return { name, code: child.exitCode, signal: child.signalCode, killed };
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
