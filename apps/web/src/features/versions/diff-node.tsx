'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { DiffCanvasNode, DiffStatus } from './diff-canvas';

/** How each status looks on the diff canvas. */
export const DIFF_NODE_STYLE: Record<DiffStatus, { box: string; badge: string }> = {
  added: { box: 'border-green-600 bg-green-50 dark:bg-green-950', badge: 'bg-green-600 text-white' },
  removed: { box: 'border-red-500 border-dashed bg-red-50 opacity-60 dark:bg-red-950', badge: 'bg-red-600 text-white' },
  changed: { box: 'border-amber-500 bg-amber-50 dark:bg-amber-950', badge: 'bg-amber-500 text-white' },
  unchanged: { box: 'border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900', badge: '' },
};

/** A read-only node of the version diff: its status, and for a changed node the fields that differ. */
export function DiffNodeView({ id, data }: NodeProps<DiffCanvasNode>) {
  const style = DIFF_NODE_STYLE[data.status];
  return (
    <div data-testid={`diff-node-${id}`} data-diff={data.status} className={`min-w-44 rounded-lg border-2 px-3 py-2 text-sm shadow-sm ${style.box}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="h-2! w-2! bg-slate-400!" />
      <div className="flex items-center gap-2">
        <span className={`font-medium ${data.status === 'removed' ? 'line-through' : ''}`}>{data.name || data.nodeType}</span>
        {data.status !== 'unchanged' && <span className={`rounded px-1.5 text-[10px] uppercase ${style.badge}`}>{data.status}</span>}
      </div>
      <div className="font-mono text-xs text-slate-500 dark:text-slate-400">
        {id} · {data.nodeType}
      </div>
      {data.changes.length > 0 && (
        <ul className="mt-1 font-mono text-[11px] text-amber-800 dark:text-amber-300" data-testid={`diff-fields-${id}`}>
          {data.changes.map((c) => (
            <li key={c.field}>~ {c.field}</li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} className="h-2! w-2! bg-slate-400!" />
    </div>
  );
}
