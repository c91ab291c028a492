import { stackBars } from './chart-geometry';
import type { WorkflowRunStats } from './dashboard.operations';
import { OUTCOME_FILL } from './outcome-style';
import { successRateText } from './success-rate';

const WIDTH = 70;
const HEIGHT = 18;


/**
 * A workflow's recent runs per day (stacked by outcome, oldest day left) with its success
 * rate as text. Feed it `Workflow.runStats(days)`; the chart's label repeats the numbers.
 */
export function SuccessSparkline({ stats, className = '' }: { stats: WorkflowRunStats; className?: string }) {
  const { bars } = stackBars(stats.days, WIDTH, HEIGHT, 0.25);
  const label = `${stats.runs} runs in ${stats.days.length} days: ${stats.succeeded} succeeded, ${stats.failed} failed, ${stats.cancelled} cancelled; success rate ${successRateText(stats.successRate)}`;
  const rateLook = stats.successRate === null ? 'text-slate-400' : stats.successRate >= 0.95 ? 'text-emerald-700' : stats.successRate >= 0.8 ? 'text-amber-700' : 'text-red-700';
  return (
    <span className={`inline-flex items-center gap-2 whitespace-nowrap ${className}`} data-testid="success-sparkline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
        <title>{label}</title>
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-slate-200" strokeWidth={1} />
        {bars.flatMap((bar) => bar.segments.map((s) => <rect key={`${bar.bucket.start}-${s.outcome}`} x={bar.x} y={s.y} width={bar.width} height={s.height} className={OUTCOME_FILL[s.outcome]} />))}
      </svg>
      <span className={`text-xs tabular-nums ${rateLook}`} aria-hidden>
        {successRateText(stats.successRate)}
      </span>
    </span>
  );
}
