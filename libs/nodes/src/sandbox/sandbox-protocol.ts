/** One execution asked of a sandbox thread. Everything crosses as strings and numbers: no host object reaches the sandbox. */
export type SandboxRequest = {
  /** The user's code: the body of an async function. */
  code: string;
  /** JSON of the values the code sees, by global name (`input`, `inputs`, `data`, `run`). */
  globalsJson: string;
  timeoutMs: number;
  memoryBytes: number;
  maxStackBytes: number;
  /** Int32 flag the host sets to 1 to stop the code at its next interrupt check (cancellation). */
  abortFlag: SharedArrayBuffer;
};

export type SandboxLogLine = { level: 'info' | 'warn' | 'error'; message: string };

/**
 * - `code`: the user's code threw, did not parse, or returned something that is not JSON.
 * - `timeout` / `memory`: a limit stopped it. `aborted`: the host's abort flag did.
 * - `crashed`: the sandbox itself failed (its thread died): not the user's fault.
 */
export type SandboxFailureKind = 'code' | 'timeout' | 'memory' | 'aborted' | 'crashed';

export type SandboxOutcome = (
  | { ok: true; /** JSON text of the returned value. */ json: string }
  | { ok: false; kind: SandboxFailureKind; message: string; line?: number }
) & {
  logs: SandboxLogLine[];
  /** Size of the execution's WebAssembly memory at its end (its maximum is the base plus the request's limit). */
  heapBytes: number;
};
