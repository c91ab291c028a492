import type { Outcome } from './outcomes';

/** One colour per outcome, shared by every chart (fill for SVG, bg for legends). */
export const OUTCOME_FILL: Record<Outcome, string> = { succeeded: 'fill-emerald-500', failed: 'fill-red-500', cancelled: 'fill-amber-400', active: 'fill-sky-400' };
export const OUTCOME_SWATCH: Record<Outcome, string> = { succeeded: 'bg-emerald-500', failed: 'bg-red-500', cancelled: 'bg-amber-400', active: 'bg-sky-400' };
