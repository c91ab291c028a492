'use client';

import { Background, Controls, ReactFlow, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { Button, ErrorText } from '@/components/ui';
import { asWorkflowGraph } from '@/features/editor/canvas/workflow-graph';
import { useErrorToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { DIFF_COLOURS, diffSummary, diffToCanvas, type DiffStatus, type FieldChange } from './diff-canvas';
import { DiffNodeView } from './diff-node';
import { WORKFLOW_VERSION_DIFF } from './versions.operations';

const NODE_COMPONENTS: NodeTypes = { diff: DiffNodeView };
const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

function Legend() {
  const items: [DiffStatus, string][] = [['added', 'added'], ['removed', 'removed'], ['changed', 'changed']];
  return (
    <span className="flex items-center gap-3 text-xs">
      {items.map(([status, label]) => (
        <span key={status} className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: DIFF_COLOURS[status] }} />
          {label}
        </span>
      ))}
    </span>
  );
}

function ChangeList({ id, changes }: { id: string; changes: FieldChange[] }) {
  return (
    <li className="mb-2">
      <span className="font-mono">{id}</span>
      <ul className="ml-3 font-mono text-xs">
        {changes.map((c) => (
          <li key={c.field} className="break-all" data-testid={`diff-change-${id}-${c.field}`}>
            <span className="text-amber-700 dark:text-amber-400">{c.field}</span>: <span className="text-red-700 line-through dark:text-red-400">{show(c.before)}</span> → <span className="text-green-700 dark:text-green-400">{show(c.after)}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Two versions side by side on one read-only canvas: the later graph, with what came and went marked. */
export function VersionDiffView({ workflowId, from, to, onClose }: { workflowId: string; from: number; to: number; onClose: () => void }) {
  const [{ data, error, fetching }] = useQuery({ query: WORKFLOW_VERSION_DIFF, variables: { id: workflowId, from, to } });
  useErrorToast(error);
  const canvas = useMemo(() => (data?.workflowVersionDiff ? diffToCanvas(asWorkflowGraph(data.to?.graph), data.workflowVersionDiff) : undefined), [data]);
  const diff = data?.workflowVersionDiff;
  const changed = canvas?.nodes.filter((n) => n.data.status === 'changed') ?? [];

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-white dark:bg-slate-950" role="dialog" aria-label={`Changes from version ${from} to ${to}`} data-testid="version-diff">
      <div className="flex items-center gap-4 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
        <h2 className="font-semibold">
          Version {from} → {to}
        </h2>
        {diff && <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="diff-summary">{diffSummary(diff)}</span>}
        <Legend />
        <Button className="ml-auto" onClick={onClose}>
          Close
        </Button>
      </div>
      {error && <ErrorText>{errorMessage(error)}</ErrorText>}
      {fetching && !data && <p className="p-4 text-sm text-slate-500">Comparing…</p>}
      {canvas && diff && (
        <div className="flex min-h-0 flex-1">
          <div className="min-w-0 flex-1" data-testid="diff-canvas">
            <ReactFlow nodes={canvas.nodes} edges={canvas.edges} nodeTypes={NODE_COMPONENTS} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} fitView fitViewOptions={{ maxZoom: 1 }}>
              <Background />
              <Controls showInteractive={false} />
            </ReactFlow>
          </div>
          <aside className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 p-4 text-sm dark:border-slate-700" aria-label="Changes">
            {diff.nodes.added.length > 0 && (
              <section className="mb-3">
                <h3 className="font-medium text-green-700 dark:text-green-400">Added nodes</h3>
                <ul className="font-mono text-xs">{diff.nodes.added.map((n) => <li key={n.id}>+ {n.id} ({n.type})</li>)}</ul>
              </section>
            )}
            {diff.nodes.removed.length > 0 && (
              <section className="mb-3">
                <h3 className="font-medium text-red-700 dark:text-red-400">Removed nodes</h3>
                <ul className="font-mono text-xs">{diff.nodes.removed.map((n) => <li key={n.id}>− {n.id} ({n.type})</li>)}</ul>
              </section>
            )}
            {changed.length > 0 && (
              <section className="mb-3">
                <h3 className="font-medium text-amber-700 dark:text-amber-400">Changed nodes</h3>
                <ul>{changed.map((n) => <ChangeList key={n.id} id={n.id} changes={n.data.changes} />)}</ul>
              </section>
            )}
            {(diff.edges.added.length > 0 || diff.edges.removed.length > 0 || diff.edges.changed.length > 0) && (
              <section className="mb-3">
                <h3 className="font-medium">Edges</h3>
                <ul className="font-mono text-xs">
                  {diff.edges.added.map((e) => <li key={`+${e.id}`} className="text-green-700 dark:text-green-400">+ {e.source} → {e.target}</li>)}
                  {diff.edges.removed.map((e) => <li key={`-${e.id}`} className="text-red-700 dark:text-red-400">− {e.source} → {e.target}</li>)}
                  {diff.edges.changed.map((e) => <li key={`~${e.id}`} className="text-amber-700 dark:text-amber-400">~ {e.id}: {e.before.source} → {e.before.target} now {e.after.source} → {e.after.target}</li>)}
                </ul>
              </section>
            )}
            {diff.settingsChanged && <p className="text-amber-700 dark:text-amber-400">Workflow settings changed.</p>}
          </aside>
        </div>
      )}
    </div>
  );
}
