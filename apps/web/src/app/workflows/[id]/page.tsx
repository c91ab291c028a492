import { WorkflowEditor } from '@/features/editor/workflow-editor';

/** `?run=<id>` opens the canvas watching that run (its history, then live). */
export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string | string[] }> }) {
  const { id } = await params;
  const { run } = await searchParams;
  return <WorkflowEditor workflowId={id} runId={typeof run === 'string' ? run : undefined} />;
}
