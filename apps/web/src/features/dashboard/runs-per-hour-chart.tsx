import { bucketTotal, stackBars } from './chart-geometry';
import type { RunBucket } from './dashboard.operations';
import { OUTCOMES } from './outcomes';
import { OUTCOME_FILL, OUTCOME_SWATCH } from './outcome-style';

const WIDTH = 720;
const HEIGHT = 200;
const LEFT = 32;
const BOTTOM = 20;
/** Room above the plot for the top tick's label. */
const TOP = 8;

const hourLabel = (iso: string, withDay: boolean) => {
  const at = new Date(iso);
  return withDay ? at.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' }) : at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
};

/**
 * Runs per hour as stacked bars by outcome. The SVG carries a summary as its label; the
 * numbers themselves are in a visually hidden table for screen readers.
 */
export function RunsPerHourChart({ buckets }: { buckets: RunBucket[] }) {
  const plotWidth = WIDTH - LEFT;
  const plotHeight = HEIGHT - BOTTOM;
  const { bars, ticks, scaleY } = stackBars(buckets, plotWidth, plotHeight);
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, buckets.reduce((n, b) => n + b[o], 0)])) as Record<(typeof OUTCOMES)[number], number>;
  const multiDay = buckets.length > 48;
  const labelEvery = multiDay ? 24 : 6;
  const summary = `Runs per hour over ${buckets.length} hours: ${OUTCOMES.map((o) => `${totals[o]} ${o}`).join(', ')}.`;
  const busyHours = buckets.filter((b) => bucketTotal(b) > 0);
  return (
    <figure className="rounded-lg bg-white p-4 shadow" data-testid="runs-per-hour">
      <figcaption className="mb-2 flex flex-wrap items-center gap-4">
        <span className="flex-1 font-medium">Runs per hour by outcome</span>
        {OUTCOMES.map((o) => (
          <span key={o} className="inline-flex items-center gap-1 text-xs text-slate-600">
            <span aria-hidden className={`size-2.5 rounded-sm ${OUTCOME_SWATCH[o]}`} />
            {o} <span className="tabular-nums text-slate-400">{totals[o]}</span>
          </span>
        ))}
      </figcaption>
      <svg viewBox={`0 ${-TOP} ${WIDTH} ${HEIGHT + TOP}`} className="h-auto w-full" role="img" aria-label={summary}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={WIDTH} y1={scaleY(t)} y2={scaleY(t)} className="stroke-slate-200" strokeWidth={1} />
            <text x={LEFT - 6} y={scaleY(t)} textAnchor="end" dominantBaseline="middle" className="fill-slate-500 text-[10px]">
              {t}
            </text>
          </g>
        ))}
        <g transform={`translate(${LEFT} 0)`}>
          {bars.map((bar, i) => (
            <g key={bar.bucket.start} data-total={bar.total}>
              <title>{`${hourLabel(bar.bucket.start, true)} ${hourLabel(bar.bucket.start, false)}: ${OUTCOMES.map((o) => `${bar.bucket[o]} ${o}`).join(', ')}`}</title>
              {/* A transparent full-height hit area so the tooltip shows on empty hours too. */}
              <rect x={bar.x} y={0} width={bar.width} height={plotHeight} className="fill-transparent" />
              {bar.segments.map((s) => (
                <rect key={s.outcome} x={bar.x} y={s.y} width={bar.width} height={s.height} className={OUTCOME_FILL[s.outcome]} data-outcome={s.outcome} data-count={s.count} />
              ))}
              {i % labelEvery === 0 && (
                <text x={bar.x + bar.width / 2} y={HEIGHT - 6} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {hourLabel(bar.bucket.start, multiDay)}
                </text>
              )}
            </g>
          ))}
        </g>
      </svg>
      <table className="sr-only">
        <caption>Runs per hour by outcome (hours without runs left out)</caption>
        <thead>
          <tr>
            <th scope="col">Hour starting</th>
            {OUTCOMES.map((o) => (
              <th key={o} scope="col">
                {o}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {busyHours.map((b) => (
            <tr key={b.start}>
              <th scope="row">{new Date(b.start).toLocaleString()}</th>
              {OUTCOMES.map((o) => (
                <td key={o}>{b[o]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
