/** One request's outcome as the workload judges it. */
export type Outcome = { ok: boolean; runId?: string; error?: string };

export type LoadResult = {
  requests: number;
  errors: number;
  /** The first few distinct error messages. */
  errorSamples: string[];
  durationMs: number;
  /** Latency of every request, in completion order. */
  latenciesMs: number[];
  runIds: string[];
};

export type LoadOptions = {
  concurrency: number;
  /** Stop after this many requests… */
  total?: number;
  /** …or once this returns true (checked before each request). */
  stop?: () => boolean;
  send: (index: number) => Promise<Outcome>;
};

/** A closed loop: `concurrency` senders, each sending its next request as soon as its previous one is answered. */
export async function closedLoop({ concurrency, total = Infinity, stop = () => false, send }: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, errors: 0, errorSamples: [], durationMs: 0, latenciesMs: [], runIds: [] };
  const fail = (message: string) => {
    result.errors++;
    if (result.errorSamples.length < 5 && !result.errorSamples.includes(message)) result.errorSamples.push(message);
  };
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    while (next < total && !stop()) {
      const index = next++;
      const sent = performance.now();
      try {
        const outcome = await send(index);
        result.latenciesMs.push(performance.now() - sent);
        if (outcome.runId) result.runIds.push(outcome.runId);
        if (!outcome.ok) fail(outcome.error ?? 'failed');
      } catch (error) {
        result.latenciesMs.push(performance.now() - sent);
        fail(error instanceof Error ? error.message : String(error));
      }
      result.requests++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  result.durationMs = performance.now() - started;
  return result;
}
