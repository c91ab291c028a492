import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchResult } from './results.js';

/** Throughput and latency per workload and concurrency, as an SVG (Vega-Lite, rendered headlessly). */
export async function chartSvg(result: BenchResult): Promise<string> {
  const rows = result.workloads.flatMap((w) => [
    { workload: w.workload, concurrency: w.concurrency, metric: 'runs/s', value: w.runsPerSec },
    { workload: w.workload, concurrency: w.concurrency, metric: 'p50', value: w.latencyMs.p50 },
    { workload: w.workload, concurrency: w.concurrency, metric: 'p99', value: w.latencyMs.p99 },
  ]);
  const order = result.workloads.map((w) => w.workload).filter((w, i, all) => all.indexOf(w) === i);
  const x = { field: 'concurrency', type: 'ordinal', title: 'concurrency', axis: { labelAngle: 0 } } as const;
  const color = { field: 'workload', type: 'nominal', title: 'workload', sort: order } as const;
  // Vega-Lite leaves a strokeDash legend's symbols without a stroke colour; Vega's legend encode (untyped in Vega-Lite) adds one.
  const dashLegend = { symbolType: 'stroke', symbolStrokeWidth: 2, encode: { symbols: { update: { stroke: { value: '#555' } } } } } as const;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Weft benchmark ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC (${result.mode})`, subtitle: `engine ${result.machine.commit}, ${result.machine.cpus} cores` },
    data: { values: rows },
    config: { font: 'sans-serif', view: { stroke: null } },
    hconcat: [
      {
        title: 'Throughput',
        width: 260,
        height: 220,
        transform: [{ filter: "datum.metric === 'runs/s'" }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'workload', type: 'nominal', title: null, sort: order, axis: { labelAngle: 0 } },
          xOffset: { field: 'concurrency', type: 'ordinal' },
          y: { field: 'value', type: 'quantitative', title: 'runs/s' },
          color: { field: 'concurrency', type: 'ordinal', title: 'concurrency' },
        },
      },
      {
        title: 'Latency of a whole run (log scale)',
        width: 260,
        height: 220,
        transform: [{ filter: "datum.metric !== 'runs/s'" }],
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'ms' },
          color,
          strokeDash: { field: 'metric', type: 'nominal', title: 'percentile', legend: dashLegend },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
