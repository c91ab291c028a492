'use client';

import { addEdge, Background, Controls, MiniMap, ReactFlow, useEdgesState, useNodesState, useReactFlow, type Connection, type NodeTypes } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { useMutation } from 'urql';
import { AppHeader } from '@/components/app-header';
import { Button } from '@/components/ui';
import { NODE_STATE_FILL } from '@/features/monitor/node-state-style';
import { isFinished, nodeStateOf } from '@/features/monitor/run-state';
import { useRunMonitor } from '@/features/monitor/use-run-monitor';
import { errorMessage, graphIssues, type GraphIssue } from '@/lib/graphql/errors';
import { CANCEL_RUN, PUBLISH, RERUN, RESOLVE_APPROVAL, START_RUN, UPDATE_DRAFT, type WorkflowDetail } from '@/lib/graphql/operations';
import { autoLayout } from './canvas/auto-layout';
import { canvasToGraph, graphToCanvas, nextId, type CanvasNode } from './canvas/graph-mapping';
import { WeftNode } from './canvas/weft-node';
import { asWorkflowGraph, type NodeTypeInfo } from './canvas/workflow-graph';
import { EditorContext } from './editor-context';
import { NodePanel } from './node-panel';
import { NODE_TYPE_MIME, Palette } from './palette';
import { RunDialog } from './run-dialog';

const NODE_COMPONENTS: NodeTypes = { weft: WeftNode };

type Notice = { kind: 'info' | 'error'; text: string };

/** The canvas editor and live monitor of one workflow. The draft lives here until saved; a watched run colours the same canvas. */
export function EditorCanvas({ workflow, nodeTypes, initialRunId }: { workflow: WorkflowDetail; nodeTypes: NodeTypeInfo[]; initialRunId?: string | undefined }) {
  const initial = useMemo(() => {
    const graph = asWorkflowGraph(workflow.draft);
    return { ...graphToCanvas(graph), settings: graph.settings };
  }, [workflow.draft]);
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initial.edges);
  const [selectedId, setSelectedId] = useState<string>();
  const [revision, setRevision] = useState(workflow.draftRevision);
  const [version, setVersion] = useState(workflow.latestVersion);
  const [issues, setIssues] = useState<GraphIssue[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const [runOpen, setRunOpen] = useState(false);
  const [runId, setRunId] = useState<string | undefined>(initialRunId);
  const { run } = useRunMonitor(runId);
  // The watched run is in the URL, so a reload (or a shared link) watches it again.
  useEffect(() => window.history.replaceState(null, '', runId ? `?run=${runId}` : window.location.pathname), [runId]);
  const { screenToFlowPosition } = useReactFlow();
  const [saving, save] = useMutation(UPDATE_DRAFT);
  const [publishing, publish] = useMutation(PUBLISH);
  const [starting, startRun] = useMutation(START_RUN);
  const [, rerun] = useMutation(RERUN);
  const [cancelling, cancelRun] = useMutation(CANCEL_RUN);
  const [, resolveApproval] = useMutation(RESOLVE_APPROVAL);

  const typesByName = useMemo(() => new Map(nodeTypes.map((t) => [t.type, t])), [nodeTypes]);
  const issuesByNode = useMemo(() => {
    const byNode = new Map<string, GraphIssue[]>();
    for (const issue of issues) if (issue.nodeId) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    return byNode;
  }, [issues]);
  const badEdges = useMemo(() => new Set(issues.map((i) => i.edgeId).filter(Boolean)), [issues]);
  const shownEdges = useMemo(() => edges.map((e) => (badEdges.has(e.id) ? { ...e, style: { stroke: '#dc2626', strokeWidth: 2 } } : e)), [edges, badEdges]);
  const context = useMemo(() => ({ typesByName, issuesByNode, run }), [typesByName, issuesByNode, run]);
  const selected = nodes.find((n) => n.id === selectedId);

  /** Adds a node with an empty config and selects it, so its form opens at once. */
  const addNode = (type: string, position: { x: number; y: number }) => {
    const id = nextId(type, nodes.map((n) => n.id));
    setNodes((current) => [...current.map((n) => ({ ...n, selected: false })), { id, type: 'weft', position, selected: true, data: { nodeType: type, config: {}, extra: {} } }]);
    setSelectedId(id);
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    if (!type) return;
    event.preventDefault();
    addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const onConnect = useCallback((connection: Connection) => setEdges((current) => addEdge({ ...connection, id: nextId('e', current.map((e) => e.id)) }, current)), [setEdges]);

  /** Saves the draft; returns false (with the issues drawn) when the API refuses it. */
  async function saveDraft(): Promise<boolean> {
    const result = await save({ input: { id: workflow.id, graph: canvasToGraph(nodes, edges, initial.settings), expectedRevision: revision } });
    if (result.error) {
      setIssues(graphIssues(result.error));
      setNotice({ kind: 'error', text: errorMessage(result.error) });
      return false;
    }
    setRevision(result.data!.updateWorkflowDraft.draftRevision);
    setIssues([]);
    setNotice({ kind: 'info', text: 'Draft saved' });
    return true;
  }

  async function saveAndPublish() {
    if (!(await saveDraft())) return;
    const result = await publish({ id: workflow.id });
    if (result.error) {
      setIssues(graphIssues(result.error));
      setNotice({ kind: 'error', text: errorMessage(result.error) });
      return;
    }
    setVersion(result.data!.publishWorkflow.version);
    setNotice({ kind: 'info', text: `Published version ${result.data!.publishWorkflow.version}` });
  }

  async function start(input: unknown) {
    const result = await startRun({ input: { workflowId: workflow.id, input } });
    if (result.error) return setNotice({ kind: 'error', text: errorMessage(result.error) });
    setRunOpen(false);
    setRunId(result.data!.startRun.id);
    setNotice({ kind: 'info', text: 'Run started' });
  }

  async function rerunFrom(nodeId: string) {
    if (!runId) return;
    const result = await rerun({ input: { runId, fromNodeId: nodeId } });
    if (result.error) return setNotice({ kind: 'error', text: errorMessage(result.error) });
    setRunId(result.data!.rerunRun.id);
    setNotice({ kind: 'info', text: `Re-running from ${nodeId}` });
  }

  async function decide(nodeId: string, approved: boolean) {
    if (!runId) return;
    const result = await resolveApproval({ input: { runId, nodeId, approved } });
    setNotice(result.error ? { kind: 'error', text: errorMessage(result.error) } : { kind: 'info', text: approved ? `Approved ${nodeId}` : `Rejected ${nodeId}` });
  }

  async function cancel() {
    if (!runId) return;
    const result = await cancelRun({ id: runId });
    if (result.error) setNotice({ kind: 'error', text: errorMessage(result.error) });
  }

  const deleteNode = (id: string) => {
    setNodes((current) => current.filter((n) => n.id !== id));
    setEdges((current) => current.filter((e) => e.source !== id && e.target !== id));
    setSelectedId(undefined);
  };

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-screen flex-col">
        <AppHeader>
          <span className="font-medium" data-testid="workflow-name">
            {workflow.name}
          </span>
          <span className="text-xs text-slate-500" data-testid="workflow-version">
            {version ? `published v${version}` : 'draft'} · rev {revision}
          </span>
          <div className="ml-auto flex gap-2">
            <Button onClick={() => setNodes((current) => autoLayout(current, edges))}>Auto-layout</Button>
            <Button onClick={() => void saveDraft()} disabled={saving.fetching}>
              Save draft
            </Button>
            <Button onClick={() => void saveAndPublish()} disabled={saving.fetching || publishing.fetching}>
              Publish
            </Button>
            <Button variant="primary" onClick={() => setRunOpen((open) => !open)} disabled={!version}>
              Run
            </Button>
          </div>
        </AppHeader>
        {run && (
          <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-100 px-4 py-1 text-sm" data-testid="run-bar">
            <span>
              Run <span className="font-mono text-xs">{run.runId.slice(0, 8)}</span>: <strong data-testid="run-status">{run.status}</strong>
            </span>
            {!isFinished(run) && <span className="text-xs text-slate-500">live</span>}
            {!isFinished(run) && (
              <Button variant="danger" onClick={() => void cancel()} disabled={cancelling.fetching}>
                Cancel run
              </Button>
            )}
            <Button className="ml-auto" onClick={() => setRunId(undefined)}>
              Back to editing
            </Button>
          </div>
        )}
        <div className="relative flex min-h-0 flex-1">
          {runOpen && <RunDialog busy={starting.fetching} onStart={(input) => void start(input)} onClose={() => setRunOpen(false)} />}
          <Palette nodeTypes={nodeTypes} onAdd={(type) => addNode(type, screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 3 }))} />
          <div className="min-w-0 flex-1" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas">
            <ReactFlow
              nodes={nodes}
              edges={shownEdges}
              nodeTypes={NODE_COMPONENTS}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onNodeClick={(_, node) => setSelectedId(node.id)}
              onPaneClick={() => setSelectedId(undefined)}
              onNodesDelete={(deleted) => deleted.some((n) => n.id === selectedId) && setSelectedId(undefined)}
              deleteKeyCode={['Backspace', 'Delete']}
              fitView={initial.nodes.length > 0}
              fitViewOptions={{ maxZoom: 1 }}
            >
              <Background />
              <Controls />
              <MiniMap pannable zoomable nodeColor={(node) => NODE_STATE_FILL[run ? nodeStateOf(run, node.id).state : 'idle']} />
            </ReactFlow>
          </div>
          {selected && (
            <NodePanel
              node={selected}
              info={typesByName.get(selected.data.nodeType)}
              issues={issuesByNode.get(selected.id) ?? []}
              run={run}
              onChange={(patch) => setNodes((current) => current.map((n) => (n.id === selected.id ? { ...n, data: { ...n.data, ...patch } } : n)))}
              onDelete={() => deleteNode(selected.id)}
              onRerun={() => void rerunFrom(selected.id)}
              onDecide={(approved) => void decide(selected.id, approved)}
            />
          )}
        </div>
        {notice && (
          <div role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice" className={`fixed bottom-4 left-1/2 z-30 max-w-xl -translate-x-1/2 rounded-md px-4 py-2 text-sm shadow-lg ${notice.kind === 'error' ? 'bg-red-600 text-white' : 'bg-slate-800 text-white'}`}>
            {notice.text}
            <button type="button" className="ml-3 underline" onClick={() => setNotice(undefined)}>
              dismiss
            </button>
          </div>
        )}
      </div>
    </EditorContext.Provider>
  );
}
