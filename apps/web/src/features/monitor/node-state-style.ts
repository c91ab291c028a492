import type { NodeState } from './run-state';

/** How each node state looks on the canvas (border and fill) and in the panel (label). */
export const NODE_STATE_STYLE: Record<NodeState | 'idle', { box: string; badge: string; label: string }> = {
  idle: { box: 'border-slate-300 bg-white', badge: '', label: '' },
  pending: { box: 'border-slate-300 bg-slate-50', badge: 'bg-slate-200 text-slate-700', label: 'pending' },
  scheduled: { box: 'border-sky-300 border-dashed bg-sky-50', badge: 'bg-sky-100 text-sky-800', label: 'scheduled' },
  running: { box: 'border-sky-500 bg-sky-50', badge: 'bg-sky-500 text-white', label: 'running' },
  retrying: { box: 'border-amber-500 bg-amber-50', badge: 'bg-amber-500 text-white', label: 'retrying' },
  waiting: { box: 'border-violet-500 bg-violet-50', badge: 'bg-violet-500 text-white', label: 'waiting' },
  succeeded: { box: 'border-emerald-500 bg-emerald-50', badge: 'bg-emerald-600 text-white', label: 'succeeded' },
  failed: { box: 'border-red-500 bg-red-50', badge: 'bg-red-600 text-white', label: 'failed' },
  skipped: { box: 'border-slate-300 bg-slate-100 opacity-60', badge: 'bg-slate-300 text-slate-700', label: 'skipped' },
  cancelled: { box: 'border-amber-300 bg-amber-50 opacity-70', badge: 'bg-amber-200 text-amber-900', label: 'cancelled' },
};

/** The same states on the minimap (SVG fill colours). */
export const NODE_STATE_FILL: Record<NodeState | 'idle', string> = {
  idle: '#cbd5e1',
  pending: '#e2e8f0',
  scheduled: '#bae6fd',
  running: '#0ea5e9',
  retrying: '#f59e0b',
  waiting: '#8b5cf6',
  succeeded: '#10b981',
  failed: '#dc2626',
  skipped: '#94a3b8',
  cancelled: '#fcd34d',
};
