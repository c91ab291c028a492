'use client';

import { Button } from '@/components/ui';
import type { GraphIssue } from '@/lib/graphql/errors';
import { nodeBadgeStyle } from '@/features/monitor/node-state-style';
import { NodeRunDetails } from '@/features/monitor/node-run-details';
import { isFinished, nodeStateOf, type RunState } from '@/features/monitor/run-state';
import type { CanvasNode } from './canvas/graph-mapping';
import type { NodeTypeInfo } from './canvas/workflow-graph';
import { ConfigForm } from './form/config-form';

type Props = {
  node: CanvasNode;
  info: NodeTypeInfo | undefined;
  issues: GraphIssue[];
  run: RunState | undefined;
  onChange: (data: Partial<CanvasNode['data']>) => void;
  onDelete: () => void;
  onRerun: () => void;
  onDecide: (approved: boolean) => void;
  /** A re-run or an approval decision is on its way: its buttons wait. */
  rerunning?: boolean;
  deciding?: boolean;
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The selected node: its run result when a run is watched, then its name and config form. */
export function NodePanel({ node, info, issues, run, onChange, onDelete, onRerun, onDecide, rerunning = false, deciding = false }: Props) {
  const result = run ? nodeStateOf(run, node.id) : undefined;
  const nodeIssues = issues.filter((i) => !i.field?.startsWith('config.'));
  return (
    <aside className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" aria-label="Node panel" data-testid="node-panel">
      <h2 className="text-base font-semibold">{info?.title ?? node.data.nodeType}</h2>
      <p className="mb-3 font-mono text-xs text-slate-500 dark:text-slate-400">{node.id}</p>
      {info?.description && <p className="mb-3 text-xs text-slate-600 dark:text-slate-400">{info.description}</p>}

      {result && (
        <section className="mb-4 rounded-md border border-slate-200 p-2 dark:border-slate-700" data-testid="node-result">
          <div className="mb-1 flex items-center gap-2">
            <span className="rounded px-1.5 text-xs font-medium" style={nodeBadgeStyle(result.state)} data-testid="node-result-state">
              {result.state}
            </span>
            {result.attempt ? <span className="text-xs text-slate-500 dark:text-slate-400">attempt {result.attempt}</span> : null}
            {result.kept && <span className="text-xs text-slate-500 dark:text-slate-400">kept from the earlier run</span>}
            {result.branch && <span className="text-xs text-slate-500 dark:text-slate-400">branch {result.branch}</span>}
          </div>
          <NodeRunDetails nodeId={node.id} />
          {result.output !== undefined && (
            <>
              <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">Output</h3>
              <pre className="max-h-48 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-emerald-100 dark:bg-slate-950 dark:ring-1 dark:ring-slate-700" data-testid="node-output">
                {json(result.output)}
              </pre>
            </>
          )}
          {result.error !== undefined && (
            <>
              <h3 className="text-xs font-medium text-red-700 dark:text-red-400">Error</h3>
              <pre className="max-h-48 overflow-auto rounded bg-red-50 p-2 font-mono text-xs text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="node-error">
                {json(result.error)}
              </pre>
            </>
          )}
          {result.state === 'waiting' && node.data.nodeType === 'wait' && node.data.config.for !== 'event' && (
            <div className="mt-2 flex gap-2">
              <Button variant="primary" className="flex-1" disabled={deciding} aria-busy={deciding} onClick={() => onDecide(true)}>
                Approve
              </Button>
              <Button variant="danger" className="flex-1" disabled={deciding} aria-busy={deciding} onClick={() => onDecide(false)}>
                Reject
              </Button>
            </div>
          )}
          <Button className="mt-2 w-full" disabled={!isFinished(run) || rerunning} aria-busy={rerunning} onClick={onRerun} title={isFinished(run) ? undefined : 'once the run has finished'}>
            {rerunning ? 'Starting the re-run…' : 'Re-run from this node'}
          </Button>
        </section>
      )}

      <label htmlFor={`${node.id}-name`} className="mb-0.5 block text-xs font-medium text-slate-700 dark:text-slate-300">
        Name
      </label>
      <input id={`${node.id}-name`} key={node.id} className="mb-3 w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950" defaultValue={node.data.name ?? ''} onChange={(e) => onChange({ name: e.target.value || undefined })} />

      {info?.configSchemaNote && <p className="mb-2 text-xs text-amber-700 dark:text-amber-400">{info.configSchemaNote}</p>}
      <ConfigForm nodeId={node.id} schema={info?.configSchema} config={node.data.config} issues={issues} onChange={(config) => onChange({ config })} />
      {nodeIssues.length > 0 && (
        <ul className="mt-3 space-y-1 text-xs text-red-700 dark:text-red-400" data-testid="node-issues">
          {nodeIssues.map((issue, index) => (
            <li key={index}>⚠ {issue.message}</li>
          ))}
        </ul>
      )}
      <Button variant="danger" className="mt-4 w-full" onClick={onDelete}>
        Delete node
      </Button>
    </aside>
  );
}
