import { appendFileSync } from 'node:fs';

/** The security corpora, in the order docs/RELIABILITY.md lists them: suites record under these names. */
export const SECURITY_CORPORA = {
  access: 'cross-workspace access',
  roles: 'authentication and roles',
  abuse: 'GraphQL and API abuse',
  expressions: 'expression escapes',
  sandbox: 'code-sandbox escapes',
  ssrf: 'SSRF',
  canary: 'secret canary',
  webhooks: 'webhook forgery, replay, oversize',
  graphs: 'malformed graphs',
} as const;

/**
 * One line of the security tally: how many cases of one attack a suite tried, how many it
 * saw refused (the error code, the blocked connection, no canary hit… as that suite observes
 * it), and how many leaked or appended something (canary hits, connections reached, events
 * appended). `detail` says what one case is.
 */
export type CorpusRecord = { corpus: string; attack: string; tried: number; refused: number; leaked?: number; detail?: string };

/** Appends one JSON line to the file named by `WEFT_SECURITY_REPORT` (`npm run faults` sets it); does nothing when unset. */
export function recordCorpus(record: CorpusRecord): void {
  const path = process.env.WEFT_SECURITY_REPORT;
  if (!path) return;
  appendFileSync(path, `${JSON.stringify({ leaked: 0, ...record })}\n`);
}

type Counts = { tried: number; refused: number; leaked: number };

/**
 * Counts a corpus case by case, for suites that check their cases in separate tests:
 * `count` each case as it is observed, `record()` in afterAll. Only what was counted is
 * reported; an attack with nothing counted (e.g. its test was skipped) is left out.
 */
export function corpusTally(corpus: string, detail?: string) {
  const attacks = new Map<string, Counts>();
  const entry = (attack: string): Counts => {
    let counts = attacks.get(attack);
    if (!counts) attacks.set(attack, (counts = { tried: 0, refused: 0, leaked: 0 }));
    return counts;
  };
  return {
    /** One case of `attack` tried: refused as observed, and how many things it leaked or appended (0 unless seen). */
    count(attack: string, refused: boolean, leaked = 0): boolean {
      const counts = entry(attack);
      counts.tried += 1;
      if (refused) counts.refused += 1;
      counts.leaked += leaked;
      return refused;
    },
    /** Several cases at once (e.g. rows searched), with what was observed of them. */
    add(attack: string, observed: { tried: number; refused: number; leaked?: number }): void {
      const counts = entry(attack);
      counts.tried += observed.tried;
      counts.refused += observed.refused;
      counts.leaked += observed.leaked ?? 0;
    },
    /** Leaks or appends seen once the cases of `attack` were tried (e.g. events appended across them). */
    leaked(attack: string, leaked: number): void {
      entry(attack).leaked += leaked;
    },
    totals(): Counts {
      return [...attacks.values()].reduce((sum, c) => ({ tried: sum.tried + c.tried, refused: sum.refused + c.refused, leaked: sum.leaked + c.leaked }), { tried: 0, refused: 0, leaked: 0 });
    },
    /**
     * Writes one line per attack counted (call it in afterAll), then throws unless every case
     * tried was refused and nothing leaked: the counts are checked like the cases themselves.
     */
    record(): Counts {
      for (const [attack, counts] of attacks) if (counts.tried > 0) recordCorpus({ corpus, attack, ...counts, ...(detail ? { detail } : {}) });
      const off = [...attacks].filter(([, c]) => c.refused !== c.tried || c.leaked !== 0);
      if (off.length) throw new Error(`${corpus}: not every case was refused: ${off.map(([attack, c]) => `${attack}: ${c.refused} of ${c.tried} refused, ${c.leaked} leaked`).join('; ')}`);
      return this.totals();
    },
  };
}

export type CorpusTally = ReturnType<typeof corpusTally>;
