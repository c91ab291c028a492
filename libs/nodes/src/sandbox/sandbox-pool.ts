import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SandboxOutcome, SandboxRequest } from './sandbox-protocol.js';

export type SandboxLimits = { timeoutMs: number; memoryBytes: number; maxStackBytes: number };

export type SandboxPoolOptions = {
  /** Idle threads kept warm; a busier moment spawns more, retired when they finish. */
  maxIdle?: number;
  /** How long past the code's time limit the host waits before terminating a thread that does not answer. */
  graceMs?: number;
};

export type SandboxPool = {
  run(code: string, globals: Record<string, unknown>, limits: SandboxLimits, signal?: AbortSignal): Promise<SandboxOutcome>;
  /** Terminates every thread (tests, shutdown). */
  close(): Promise<void>;
  /** Threads alive now, idle or busy. */
  size(): number;
};

type Slot = { worker: Worker; busy: boolean; onOutcome?: (outcome: SandboxOutcome) => void };

const DEFAULTS = { maxIdle: 2, graceMs: 2_000 };
/** The thread's own JavaScript heap (copies of strings leaving the VM); the VM's memory is WebAssembly memory, bounded by the request. */
const THREAD_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

/** Built: the compiled thread beside this file. From sources (tests): the TypeScript one, loaded through tsx. */
function spawnThread(): Worker {
  const options = { env: {}, resourceLimits: THREAD_RESOURCE_LIMITS, stdout: false, stderr: false };
  const built = new URL('./sandbox-thread.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, options);
  const source = new URL('./sandbox-thread.ts', import.meta.url).href;
  const tsx = new URL(tsxEsmApi(), pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** The ESM entry of `tsx/esm/api` (require.resolve would give its CommonJS one, which cannot register ESM hooks). */
function tsxEsmApi(): string {
  const manifest = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('tsx/package.json'), 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return manifest.exports['./esm/api']!.import.default;
}

/**
 * Threads that run user code in QuickJS (see sandbox-thread.ts). Each run gets a fresh
 * WebAssembly instance in a thread that may be reused; a thread that crashed or did not
 * answer in time is terminated instead. Only JSON text and numbers cross the thread boundary.
 */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const { maxIdle, graceMs } = { ...DEFAULTS, ...options };
  const slots = new Set<Slot>();

  const retire = (slot: Slot): void => {
    slots.delete(slot);
    void slot.worker.terminate();
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: spawnThread(), busy: false };
    const crashed = (message: string): void => {
      slots.delete(slot);
      slot.onOutcome?.({ ok: false, kind: message.includes('ERR_WORKER_OUT_OF_MEMORY') ? 'memory' : 'crashed', message, logs: [], heapBytes: 0 });
    };
    slot.worker.on('message', (message: SandboxOutcome | 'ready') => {
      if (message !== 'ready') slot.onOutcome?.(message);
    });
    slot.worker.on('error', (error: Error & { code?: string }) => crashed(`The sandbox thread failed: ${error.code ?? error.name}`));
    slot.worker.on('exit', () => crashed('The sandbox thread exited'));
    slots.add(slot);
    return slot;
  };

  const acquire = (): Slot => {
    for (const slot of slots) if (!slot.busy) return slot;
    return spawn();
  };

  const release = (slot: Slot, outcome: SandboxOutcome): void => {
    slot.busy = false;
    slot.onOutcome = undefined;
    const idle = [...slots].filter((other) => !other.busy).length;
    const healthy = outcome.ok || outcome.kind === 'code' || outcome.kind === 'aborted';
    if (!healthy || idle > maxIdle) retire(slot);
    else slot.worker.unref();
  };

  const run: SandboxPool['run'] = (code, globals, limits, signal) =>
    new Promise<SandboxOutcome>((resolve) => {
      const slot = acquire();
      slot.busy = true;
      slot.worker.ref();
      const abortFlag = new SharedArrayBuffer(4);
      const onAbort = (): void => {
        Atomics.store(new Int32Array(abortFlag), 0, 1);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      // The interrupt handler stops the code at its limit; this only fires if the sandbox itself hangs.
      const backstop = setTimeout(() => {
        finish({ ok: false, kind: 'timeout', message: 'The code did not finish within its time limit', logs: [], heapBytes: 0 });
      }, limits.timeoutMs + graceMs);
      const finish = (outcome: SandboxOutcome): void => {
        if (slot.onOutcome !== finish) return;
        clearTimeout(backstop);
        signal?.removeEventListener('abort', onAbort);
        release(slot, outcome);
        resolve(outcome);
      };
      slot.onOutcome = finish;
      const request: SandboxRequest = { code, globalsJson: JSON.stringify(globals), ...limits, abortFlag };
      slot.worker.postMessage(request);
    });

  return {
    run,
    size: () => slots.size,
    close: async () => {
      const workers = [...slots].map((slot) => slot.worker);
      slots.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
