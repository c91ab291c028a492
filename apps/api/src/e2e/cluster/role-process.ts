import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRIES = {
  api: fileURLToPath(new URL('../../../dist/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('../../../../worker/dist/main.js', import.meta.url)),
} as const;

/** The log line each entry writes once it serves (JSON on stderr). */
const READY = { api: '"msg":"api listening"', worker: '"msg":"worker process started"' } as const;

export type RoleProcessSpec = {
  /** A name for reports, e.g. `worker-2`. */
  name: string;
  entry: keyof typeof ENTRIES;
  /** WEFT_ROLES and anything else this process gets besides the cluster's environment. */
  env: Record<string, string>;
};

/**
 * One role of Weft as a separate OS process, from the build (apps/api/dist, apps/worker/dist),
 * so a test can SIGKILL, SIGSTOP or restart it like an operator's process would be.
 */
export type RoleProcess = {
  readonly spec: RoleProcessSpec;
  readonly pid: number | undefined;
  /** Its output (stdout and stderr), the last 64 KiB. */
  output(): string;
  /** Resolves once it logged that it serves; rejects when it exits first or after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  signal(signal: NodeJS.Signals): void;
  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** A new process with the same spec (after stop). */
  restart(): Promise<void>;
  exited(): boolean;
};

const MAX_OUTPUT = 64 * 1024;

export function startRoleProcess(spec: RoleProcessSpec, baseEnv: Record<string, string>): RoleProcess {
  const entry = ENTRIES[spec.entry];
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm test does)`);
  let child: ChildProcess;
  let output = '';
  let readyPromise: Promise<void>;
  const launch = () => {
    output = '';
    child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH ?? '', ...baseEnv, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    readyPromise = new Promise<void>((resolve, reject) => {
      const check = (chunk: Buffer) => chunk.toString().includes(READY[spec.entry]) && resolve();
      child.stderr?.on('data', check);
      child.once('exit', (code, signal) => reject(new Error(`${spec.name} exited (${signal ?? code}) before it served: ${output.slice(-2000)}`)));
    });
    readyPromise.catch(() => undefined);
  };
  launch();
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = (signal: NodeJS.Signals = 'SIGKILL') =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    spec,
    get pid() {
      return child.pid;
    },
    output: () => output,
    ready: (timeoutMs = 30_000) =>
      Promise.race([readyPromise, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`${spec.name} not ready after ${timeoutMs} ms: ${output.slice(-2000)}`)), timeoutMs).unref())]),
    signal: (signal) => void child.kill(signal),
    stop,
    async restart() {
      await stop();
      launch();
      await readyPromise;
    },
    exited,
  };
}
