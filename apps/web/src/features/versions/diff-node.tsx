'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { DiffCanvasNode, DiffStatus } from './diff-canvas';

/** How each status looks on the diff canvas, in both themes (badges keep 4.5:1 text contrast). */
export const DIFF_NODE_STYLE: Record<DiffStatus, { box: string; badge: string }> = {
  added: { box: 'border-green-600 bg-green-50 text-slate-900 dark:border-green-400 dark:bg-green-950 dark:text-green-50', badge: 'bg-green-700 text-white dark:bg-green-300 dark:text-green-950' },
  removed: { box: 'border-red-500 border-dashed bg-red-50 text-slate-900 opacity-70 dark:border-red-400 dark:bg-red-950 dark:text-red-50', badge: 'bg-red-700 text-white dark:bg-red-300 dark:text-red-950' },
  changed: { box: 'border-amber-500 bg-amber-50 text-slate-900 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50', badge: 'bg-amber-700 text-white dark:bg-amber-300 dark:text-amber-950' },
  unchanged: { box: 'border-slate-300 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100', badge: '' },
};

/** A read-only node of the version diff: its status, and for a changed node the fields that differ. */
export function DiffNodeView({ id, data }: NodeProps<DiffCanvasNode>) {
  const style = DIFF_NODE_STYLE[data.status];
  return (
    <div data-testid={`diff-node-${id}`} data-diff={data.status} className={`min-w-44 rounded-lg border-2 px-3 py-2 text-sm shadow-sm dark:shadow-black/40 ${style.box}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="h-2! w-2! bg-slate-400!" />
      <div className="flex items-center gap-2">
        <span className={`font-medium ${data.status === 'removed' ? 'line-through' : ''}`}>{data.name || data.nodeType}</span>
        {data.status !== 'unchanged' && <span className={`rounded px-1.5 text-[10px] uppercase ${style.badge}`}>{data.status}</span>}
      </div>
      <div className="font-mono text-xs text-slate-600 dark:text-slate-300">
        {id} · {data.nodeType}
      </div>
      {data.changes.length > 0 && (
        <ul className="mt-1 font-mono text-[11px] text-amber-800 dark:text-amber-200" data-testid={`diff-fields-${id}`}>
          {data.changes.map((c) => (
            <li key={c.field}>~ {c.field}</li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} className="h-2! w-2! bg-slate-400!" />
    </div>
  );
}
