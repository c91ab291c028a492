'use client';

import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { useEffect } from 'react';
import { NODE_STATE_LABEL, nodeBadgeStyle, nodeBoxStyle, nodeMutedStyle } from '@/features/monitor/node-state-style';
import { nodeStateOf } from '@/features/monitor/run-state';
import { useEditorContext } from '../editor-context';
import type { CanvasNode } from './graph-mapping';
import { isSingleOutput, outputHandles } from './node-handles';
import { DEFAULT_HANDLE, ERROR_HANDLE } from './workflow-graph';

/** One workflow node: its input on the left, its outputs (named branches) on the right, its error handle below. */
export function WeftNode({ id, data, selected }: NodeProps<CanvasNode>) {
  const { typesByName, issuesByNode, run } = useEditorContext();
  const info = typesByName.get(data.nodeType);
  const handles = outputHandles(info, data.config);
  const issues = issuesByNode.get(id) ?? [];
  const state = run ? nodeStateOf(run, id).state : 'idle';
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = handles.join('|');
  // React Flow measures handles once: re-measure when a switch gains or loses a case.
  useEffect(() => {
    updateNodeInternals(id);
  }, [handleKey, id, updateNodeInternals]);

  const single = isSingleOutput(handles);
  return (
    <div
      data-testid={`node-${id}`}
      data-status={state}
      title={issues.map((i) => i.message).join('\n') || undefined}
      style={nodeBoxStyle(state)}
      className={`relative min-w-44 rounded-lg border-2 px-3 py-2 text-sm shadow-sm transition-colors dark:shadow-black/40 ${selected ? 'ring-2 ring-indigo-500 dark:ring-indigo-400' : ''} ${issues.length ? 'border-red-500! ring-2 ring-red-300 dark:border-red-400! dark:ring-red-800' : ''}`}
    >
      <Handle type="target" position={Position.Left} className="h-3! w-3! bg-slate-500! dark:bg-slate-400!" />
      <div className="flex items-center gap-2">
        <span className="font-medium">{data.name || info?.title || data.nodeType}</span>
        {state === 'running' && <span aria-label="running" className="inline-block h-3 w-3 rounded-full border-2 border-sky-600 border-t-transparent dark:border-sky-300 dark:border-t-transparent" style={{ animation: 'weft-spin 0.8s linear infinite' }} />}
      </div>
      <div className="font-mono text-xs" style={nodeMutedStyle(state)}>
        {id} · {data.nodeType}
      </div>
      {state !== 'idle' && (
        <span className="mt-1 inline-block rounded px-1.5 text-xs font-medium" style={nodeBadgeStyle(state)}>
          {NODE_STATE_LABEL[state]}
        </span>
      )}
      {issues.length > 0 && (
        <div className="mt-1 text-xs text-red-700 dark:text-red-300" data-testid={`issues-${id}`}>
          ⚠ {issues.length === 1 ? issues[0]!.message : `${issues.length} problems`}
        </div>
      )}
      {single ? (
        <Handle type="source" id={DEFAULT_HANDLE} position={Position.Right} className="h-3! w-3! bg-indigo-500!" />
      ) : (
        handles.map((handle, index) => (
          <Handle key={handle} type="source" id={handle} position={Position.Right} style={{ top: `${((index + 1) * 100) / (handles.length + 1)}%` }} className="h-3! w-3! bg-indigo-500!">
            <span className="pointer-events-none absolute left-3 -top-2 font-mono text-[10px] text-slate-600 dark:text-slate-300">{handle}</span>
          </Handle>
        ))
      )}
      <Handle type="source" id={ERROR_HANDLE} position={Position.Bottom} title="error" className="h-2.5! w-2.5! bg-red-400!" />
    </div>
  );
}
