/** One dependency's answer to a readiness probe. */
export type DependencyCheck = { ok: true; ms: number } | { ok: false; ms: number; error: string };

export type Readiness = {
  /** True when every dependency answered in time and the process is not shutting down. */
  ready: boolean;
  draining: boolean;
  checks: Record<string, DependencyCheck>;
};

/** A dependency to probe, e.g. `SELECT 1` on PostgreSQL or `PING` on Redis. */
export type Probe = () => Promise<unknown>;

/**
 * Runs every probe at once, each bounded by `timeoutMs`. A probe that does not
 * answer in time fails as surely as one that errors: a half-open connection (the
 * peer gone without a FIN or RST) raises no socket error, it only stops answering.
 */
export async function checkReadiness(probes: Readonly<Record<string, Probe>>, options: { timeoutMs: number; draining?: boolean; now?: () => number }): Promise<Readiness> {
  const now = options.now ?? (() => performance.now());
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<[string, DependencyCheck]> => {
      const started = now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      });
      try {
        await Promise.race([probe(), timeout]);
        return [name, { ok: true, ms: Math.round(now() - started) }];
      } catch (error) {
        return [name, { ok: false, ms: Math.round(now() - started), error: error instanceof Error ? error.message : String(error) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  const draining = options.draining ?? false;
  return { ready: !draining && entries.every(([, check]) => check.ok), draining, checks };
}
