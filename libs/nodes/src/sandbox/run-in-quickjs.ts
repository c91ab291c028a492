import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { SandboxFailureKind, SandboxLogLine, SandboxOutcome, SandboxRequest } from './sandbox-protocol.js';

export const CODE_FILE = 'code.js';
export const MAX_LOG_LINES = 100;
export const MAX_LOG_LINE_CHARS = 2000;
const MAX_MESSAGE_CHARS = 500;
/** Budget for reading a failure out of the VM (a thrown object's getters are user code too). */
const REPORT_BUDGET_MS = 100;
const REPORT_EXTRA_BYTES = 4 * 1024 * 1024;
const UNREADABLE = Symbol('unreadable');

/**
 * Runs before the user's code, in the sandbox: installs a `console` that formats inside
 * the VM and hands the host one bounded string per call, and returns the function that
 * turns the returned value into JSON text with the `JSON.stringify` of before the user's code.
 */
const PRELUDE = `(function (emit, maxChars) {
  "use strict";
  const stringify = JSON.stringify;
  const format = (value) => {
    if (typeof value === 'string') return value;
    try { const json = stringify(value); return json === undefined ? String(value) : json; } catch (error) { return String(value); }
  };
  const logger = (level) => (...args) => {
    const line = args.map(format).join(' ');
    emit(level, line.length > maxChars ? line.slice(0, maxChars) + '…' : line);
  };
  globalThis.console = Object.freeze({ log: logger('info'), info: logger('info'), debug: logger('info'), warn: logger('warn'), error: logger('error') });
  return (value) => {
    const json = typeof value === 'function' || typeof value === 'symbol' ? undefined : stringify(value);
    if (json === undefined) throw new TypeError('The code must return a JSON value, got ' + typeof value + (value === undefined ? ' (missing return?)' : ''));
    return json;
  };
})`;

/** How a failure escapes the steps below, carried to one place that reports it. */
class Stop extends Error {
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Runs `request.code` in a fresh QuickJS runtime and context of `module` (nothing survives
 * the call), under the request's time, memory and stack limits (QuickJS's memory limit
 * bounds its object heap; the module's WebAssembly memory maximum bounds everything). Values cross as JSON text only.
 * `module` must serve this one execution only: after a failure QuickJS may be left unusable.
 * @throws only when the sandbox itself breaks.
 */
export function runInQuickJs(module: QuickJSWASMModule, request: SandboxRequest): SandboxOutcome {
  const logs: SandboxLogLine[] = [];
  let dropped = 0;
  const abort = new Int32Array(request.abortFlag);
  let deadline = Date.now() + request.timeoutMs;
  let stoppedBy: 'timeout' | 'aborted' | undefined;
  let reporting = false;

  const runtime = module.newRuntime();
  runtime.setMemoryLimit(request.memoryBytes);
  runtime.setMaxStackSize(request.maxStackBytes);
  runtime.setInterruptHandler(() => {
    if (Atomics.load(abort, 0) !== 0) stoppedBy ??= 'aborted';
    else if (Date.now() > deadline && !reporting) stoppedBy ??= 'timeout';
    return stoppedBy !== undefined || (reporting && Date.now() > deadline);
  });
  const context = runtime.newContext();
  const handles: QuickJSHandle[] = [];
  const keep = (handle: QuickJSHandle): QuickJSHandle => (handles.push(handle), handle);

  /** Reads a thrown value out of the VM, within a small budget of its own. */
  const stopFrom = (thrown: QuickJSHandle): Stop => {
    reporting = true;
    deadline = Date.now() + REPORT_BUDGET_MS;
    runtime.setMemoryLimit(request.memoryBytes + REPORT_EXTRA_BYTES);
    let error: unknown;
    try {
      error = context.dump(thrown);
    } catch {
      error = UNREADABLE;
    } finally {
      thrown.dispose();
    }
    return toStop(error, stoppedBy);
  };
  const settle = (result: { error?: QuickJSHandle; value?: QuickJSHandle }): QuickJSHandle => {
    if (result.error) throw stopFrom(result.error);
    return keep(result.value!);
  };

  let outcome: SandboxOutcome;
  try {
    const emit = keep(
      context.newFunction('emit', (level, text) => {
        if (logs.length >= MAX_LOG_LINES) {
          dropped += 1;
          return;
        }
        const name = context.getString(level);
        logs.push({ level: name === 'warn' || name === 'error' ? name : 'info', message: context.getString(text) });
      }),
    );
    const prelude = settle(context.evalCode(PRELUDE, 'prelude.js', { strict: true }));
    const toJson = settle(context.callFunction(prelude, context.undefined, emit, keep(context.newNumber(MAX_LOG_LINE_CHARS))));
    // The function header shares the code's first line, so error lines are the user's lines.
    const main = settle(context.evalCode(`(async function (input, inputs, data, run) {"use strict";${request.code}\n})`, CODE_FILE));
    const parse = keep(context.getProp(keep(context.getProp(context.global, 'JSON')), 'parse'));
    const globals = settle(context.callFunction(parse, context.undefined, keep(context.newString(request.globalsJson))));
    const args = ['input', 'inputs', 'data', 'run'].map((name) => keep(context.getProp(globals, name)));
    const promise = settle(context.callFunction(main, context.undefined, ...args));
    // An interrupt inside a promise job only rejects that job's promise: check the limits too.
    const limitReached = (): Stop | undefined => (stoppedBy ? toStop(undefined, stoppedBy) : undefined);
    const value = awaitPromise(context, promise, { keep, stopFrom, limitReached });
    const json = settle(context.callFunction(toJson, context.undefined, value));
    outcome = { ok: true, json: context.getString(json), logs, heapBytes: 0 };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    outcome = { ok: false, kind: error.kind, message: error.message, ...(error.line === undefined ? {} : { line: error.line }), logs, heapBytes: 0 };
  }
  try {
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
    context.dispose();
    runtime.dispose();
  } catch {
    // An interrupted job queue can leave QuickJS objects behind and fail its exit checks:
    // harmless, since the WebAssembly instance is used for this one execution only.
  }
  if (dropped > 0) logs.push({ level: 'warn', message: `${dropped} more console lines dropped (limit ${MAX_LOG_LINES})` });
  return { ...outcome, heapBytes: (module.getWasmMemory() as unknown as { buffer: ArrayBuffer }).buffer.byteLength };
}

/** Runs the VM's job queue until `promise` settles; there are no timers nor I/O, so a promise still pending with no job left never will. */
function awaitPromise(
  context: QuickJSContext,
  promise: QuickJSHandle,
  { keep, stopFrom, limitReached }: { keep: (handle: QuickJSHandle) => QuickJSHandle; stopFrom: (thrown: QuickJSHandle) => Stop; limitReached: () => Stop | undefined },
): QuickJSHandle {
  for (;;) {
    const limit = limitReached();
    if (limit) throw limit;
    const state = context.getPromiseState(promise);
    if (state.type === 'fulfilled') return keep(state.value);
    if (state.type === 'rejected') throw stopFrom(state.error);
    if (!context.runtime.hasPendingJob()) throw new Stop('code', 'The code returned a promise that never settles (there are no timers nor I/O in the sandbox)');
    const jobs = context.runtime.executePendingJobs();
    if (jobs.error) throw stopFrom(jobs.error);
  }
}

function toStop(error: unknown, stoppedBy: 'timeout' | 'aborted' | undefined): Stop {
  if (stoppedBy) return new Stop(stoppedBy, stoppedBy === 'timeout' ? 'The code did not finish within its time limit' : 'The code was aborted');
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
    if (message === 'out of memory') return new Stop('memory', 'The code ran out of memory');
    const text = `${typeof name === 'string' ? name : 'Error'}: ${String(message)}`;
    const line = typeof stack === 'string' ? /code\.js:(\d+)/.exec(stack)?.[1] : undefined;
    return new Stop('code', truncate(text), line === undefined ? undefined : Number(line));
  }
  if (error === UNREADABLE) return new Stop('code', 'The code threw a value that could not be read');
  let shown: string;
  try {
    shown = JSON.stringify(error) ?? String(error);
  } catch {
    shown = String(error);
  }
  return new Stop('code', truncate(`Uncaught ${shown}`));
}

const truncate = (text: string): string => (text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text);
