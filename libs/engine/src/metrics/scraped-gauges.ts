import { Gauge, type Counter, type Registry } from 'prom-client';

/** One value of one of a collector's gauges. */
export type GaugeSample<N extends string> = { gauge: N; labels?: Record<string, string>; value: number };

/** Reads the current values (a query to PostgreSQL or Redis); may be slow or fail. */
export type GaugeSource<N extends string> = () => Promise<GaugeSample<N>[]>;

export type ScrapedGaugesOptions<N extends string> = {
  registry: Registry;
  /** Names the collector in `failures`. */
  collector: string;
  gauges: Record<N, { name: string; help: string; labelNames: readonly string[] }>;
  /** A source that has not answered within this time reports nothing at this scrape. */
  timeoutMs: number;
  /** Counts the sources that failed or timed out, by collector. */
  failures: Counter<'collector'>;
};

/**
 * Gauges read at scrape time from sources added by the roles a process runs (and removed
 * when they stop). One scrape asks each source once for all its gauges. A scrape never
 * throws and never waits past `timeoutMs`: a source that fails or is late reports no
 * series (rather than a stale value) and counts in `failures`. A source still busy from
 * an earlier scrape (a stalled connection) is not asked again until it answers.
 */
export class ScrapedGauges<N extends string> {
  private readonly sources = new Set<GaugeSource<N>>();
  private readonly busy = new Map<GaugeSource<N>, Promise<GaugeSample<N>[]>>();
  private readonly gauges: Map<N, Gauge>;
  private round: Promise<GaugeSample<N>[]> | undefined;

  constructor(private readonly options: ScrapedGaugesOptions<N>) {
    this.gauges = new Map(
      (Object.entries(options.gauges) as [N, ScrapedGaugesOptions<N>['gauges'][N]][]).map(([key, spec]) => {
        const gauge: Gauge = new Gauge({ ...spec, labelNames: [...spec.labelNames], registers: [options.registry], collect: () => this.fill(key, gauge) });
        return [key, gauge];
      }),
    );
  }

  /** Adds a source; returns its removal. */
  add(source: GaugeSource<N>): () => void {
    this.sources.add(source);
    return () => void this.sources.delete(source);
  }

  /**
   * This scrape's samples. Every collect of a scrape starts before any finishes: the first
   * starts the round, the others (the other gauges, the failure counter) share it.
   */
  collected(): Promise<GaugeSample<N>[]> {
    this.round ??= this.sample().finally(() => (this.round = undefined));
    return this.round;
  }

  private async fill(key: N, gauge: Gauge): Promise<void> {
    const samples = await this.collected();
    gauge.reset();
    for (const sample of samples) if (sample.gauge === key) gauge.set(sample.labels ?? {}, sample.value);
  }

  private async sample(): Promise<GaugeSample<N>[]> {
    const results = await Promise.all([...this.sources].map((source) => this.bounded(source)));
    return results.flat();
  }

  private async bounded(source: GaugeSource<N>): Promise<GaugeSample<N>[]> {
    let call = this.busy.get(source);
    if (!call) {
      call = Promise.resolve()
        .then(source)
        .finally(() => this.busy.delete(source));
      this.busy.set(source, call);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), this.options.timeoutMs);
    });
    try {
      return await Promise.race([call, late]);
    } catch {
      this.options.failures.inc({ collector: this.options.collector });
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}
