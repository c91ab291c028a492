'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { AppHeader } from '@/components/app-header';
import { ErrorText } from '@/components/ui';
import { LiveMonitor } from '@/features/monitor/live-monitor';
import { WorkflowPanels } from '@/features/workflow-panels/workflow-panels';
import { errorCode, errorMessage } from '@/lib/graphql/errors';
import { WORKFLOW_EDITOR } from '@/lib/graphql/operations';
import { nodeTypeInfo } from './canvas/workflow-graph';
import { EditorCanvas } from './editor-canvas';

/** Loads the workflow's draft and the node types once, then hands them to the canvas (which owns the edits from there). */
export function WorkflowEditor({ workflowId, runId }: { workflowId: string; runId?: string }) {
  const router = useRouter();
  const [{ data, error, fetching }] = useQuery({ query: WORKFLOW_EDITOR, variables: { id: workflowId }, requestPolicy: 'network-only' });
  const nodeTypes = useMemo(() => data?.nodeTypes.map(nodeTypeInfo) ?? [], [data?.nodeTypes]);
  useEffect(() => {
    if (errorCode(error) === 'UNAUTHENTICATED') router.replace('/sign-in');
  }, [error, router]);

  if (fetching && !data) return <div className="p-8 text-sm text-slate-500">Loading the workflow…</div>;
  if (error) return <ErrorText>{errorMessage(error)}</ErrorText>;
  if (!data?.workflow)
    return (
      <div className="min-h-full">
        <AppHeader />
        <p className="p-8 text-slate-600">This workflow does not exist, or is not in your workspace.</p>
      </div>
    );
  // The panels draw their own React Flow (the version diff): outside the editor's provider, so they never share its store.
  return (
    <>
      <ReactFlowProvider>
        <LiveMonitor>
          <EditorCanvas key={data.workflow.id} workflow={data.workflow} nodeTypes={nodeTypes} initialRunId={runId} />
        </LiveMonitor>
      </ReactFlowProvider>
      <WorkflowPanels workflowId={data.workflow.id} />
    </>
  );
}
