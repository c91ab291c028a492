'use client';

import { addEdge, Background, Controls, MiniMap, ReactFlow, SelectionMode, useEdgesState, useNodesState, useReactFlow, type Connection, type NodeTypes } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useMutation } from 'urql';
import { AppHeader } from '@/components/app-header';
import { Button } from '@/components/ui';
import { NODE_STATE_FILL } from '@/features/monitor/node-state-style';
import { isFinished, nodeStateOf } from '@/features/monitor/run-state';
import { useRunMonitor } from '@/features/monitor/use-run-monitor';
import { useToast } from '@/features/toast/toast-provider';
import { graphIssues, type GraphIssue } from '@/lib/graphql/errors';
import { CANCEL_RUN, PUBLISH, RERUN, RESOLVE_APPROVAL, START_RUN, UPDATE_DRAFT, type WorkflowDetail } from '@/lib/graphql/operations';
import { autoLayout } from './canvas/auto-layout';
import { canvasToGraph, graphToCanvas, nextId, type CanvasNode } from './canvas/graph-mapping';
import { WeftNode } from './canvas/weft-node';
import { asWorkflowGraph, type NodeTypeInfo } from './canvas/workflow-graph';
import { EditorContext } from './editor-context';
import { CompletionContext } from './expressions/completion-context';
import { upstreamOf, type CompletionSources } from './expressions/completions';
import { copySelection, pasteClipboard, type Clipboard } from './graph-edits/clipboard';
import { deleteSelection } from './graph-edits/delete-selection';
import { isTypingTarget, shortcutOf, type ShortcutCommand } from './graph-edits/shortcuts';
import { useGraphHistory, type GraphSnapshot } from './graph-edits/use-graph-history';
import { NodePanel } from './node-panel';
import { NODE_TYPE_MIME, Palette } from './palette';
import { RunDialog } from './run-dialog';
import { ShortcutsHelp } from './shortcuts-help';

const NODE_COMPONENTS: NodeTypes = { weft: WeftNode };
const PASTE_OFFSET = 40;
const lastInputKey = (workflowId: string) => `weft:last-run-input:${workflowId}`;

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
  const toast = useToast();
  const [runOpen, setRunOpen] = useState(false);
  const [runId, setRunId] = useState<string | undefined>(initialRunId);
  const { run } = useRunMonitor(runId);
  const history = useGraphHistory(nodes, edges, setNodes, setEdges);
  const clipboard = useRef<{ content: Clipboard; pastes: number }>(undefined);
  const dragStart = useRef<GraphSnapshot>(undefined);
  const [helpOpen, setHelpOpen] = useState(false);
  // The last run input typed here: what `$trigger.` completes.
  const [lastInput, setLastInput] = useState<unknown>();
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(lastInputKey(workflow.id));
      if (stored) setLastInput(JSON.parse(stored));
    } catch {
      // No storage, or something unparsable in it: complete without trigger keys.
    }
  }, [workflow.id]);
  // The watched run is in the URL, so a reload (or a shared link) watches it again.
  useEffect(() => {
    window.history.replaceState(null, '', runId ? `?run=${runId}` : window.location.pathname);
  }, [runId]);
  const { screenToFlowPosition } = useReactFlow();
  const [saving, save] = useMutation(UPDATE_DRAFT);
  const [publishing, publish] = useMutation(PUBLISH);
  const [starting, startRun] = useMutation(START_RUN);
  const [rerunning, rerun] = useMutation(RERUN);
  const [cancelling, cancelRun] = useMutation(CANCEL_RUN);
  const [deciding, resolveApproval] = useMutation(RESOLVE_APPROVAL);

  const typesByName = useMemo(() => new Map(nodeTypes.map((t) => [t.type, t])), [nodeTypes]);
  const issuesByNode = useMemo(() => {
    const byNode = new Map<string, GraphIssue[]>();
    for (const issue of issues) if (issue.nodeId) byNode.set(issue.nodeId, [...(byNode.get(issue.nodeId) ?? []), issue]);
    return byNode;
  }, [issues]);
  const badEdges = useMemo(() => new Set(issues.map((i) => i.edgeId).filter(Boolean)), [issues]);
  const shownEdges = useMemo(() => edges.map((e) => (badEdges.has(e.id) ? { ...e, style: { stroke: 'var(--weft-edge-invalid)', strokeWidth: 2 } } : e)), [edges, badEdges]);
  const context = useMemo(() => ({ typesByName, issuesByNode, run }), [typesByName, issuesByNode, run]);
  const selected = nodes.find((n) => n.id === selectedId);
  const completionSources = useMemo<CompletionSources | undefined>(
    () => (selectedId ? { trigger: lastInput, upstream: upstreamOf(selectedId, edges).map((id) => ({ id, output: run?.nodes[id]?.output })) } : undefined),
    [selectedId, edges, lastInput, run],
  );

  /** Adds a node with an empty config and selects it, so its form opens at once. */
  const addNode = (type: string, position: { x: number; y: number }) => {
    const id = nextId(type, nodes.map((n) => n.id));
    history.record();
    setNodes((current) => [...current.map((n) => ({ ...n, selected: false })), { id, type: 'weft', position, selected: true, data: { nodeType: type, config: {}, extra: {} } }]);
    setSelectedId(id);
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    if (!type) return;
    event.preventDefault();
    addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const { record } = history;
  const onConnect = useCallback(
    (connection: Connection) => {
      record();
      setEdges((current) => addEdge({ ...connection, id: nextId('e', current.map((e) => e.id)) }, current));
    },
    [setEdges, record],
  );

  /** A drag is one history entry, recorded when it ends, and only if something moved. */
  const onDragStart = () => (dragStart.current = history.snapshot());
  const onDragStop = () => {
    const before = dragStart.current;
    dragStart.current = undefined;
    if (!before) return;
    const moved = nodes.some((n) => {
      const was = before.nodes.find((b) => b.id === n.id)?.position;
      return was && (was.x !== n.position.x || was.y !== n.position.y);
    });
    if (moved) history.record(undefined, before);
  };

  /** Saves the draft; returns false (with the issues drawn and the API's message in a toast) when the API refuses it. */
  async function saveDraft({ quiet = false } = {}): Promise<boolean> {
    const result = await save({ input: { id: workflow.id, graph: canvasToGraph(nodes, edges, initial.settings), expectedRevision: revision } });
    if (result.error) {
      setIssues(graphIssues(result.error));
      toast.error(result.error);
      return false;
    }
    setRevision(result.data!.updateWorkflowDraft.draftRevision);
    setIssues([]);
    if (!quiet) toast.show('Draft saved');
    return true;
  }

  async function saveAndPublish() {
    if (!(await saveDraft({ quiet: true }))) return;
    const result = await publish({ id: workflow.id });
    if (result.error) {
      setIssues(graphIssues(result.error));
      toast.error(result.error);
      return;
    }
    setVersion(result.data!.publishWorkflow.version);
    toast.show(`Published version ${result.data!.publishWorkflow.version}`);
  }

  async function start(input: unknown) {
    const result = await startRun({ input: { workflowId: workflow.id, input } });
    if (result.error) return toast.error(result.error);
    setRunOpen(false);
    setLastInput(input);
    try {
      window.localStorage.setItem(lastInputKey(workflow.id), JSON.stringify(input));
    } catch {
      // Storage full or refused: completion just lacks the trigger keys next time.
    }
    setRunId(result.data!.startRun.id);
    toast.show('Run started');
  }

  async function rerunFrom(nodeId: string) {
    if (!runId) return;
    const result = await rerun({ input: { runId, fromNodeId: nodeId } });
    if (result.error) return toast.error(result.error);
    setRunId(result.data!.rerunRun.id);
    toast.show(`Re-running from ${nodeId}`);
  }

  async function decide(nodeId: string, approved: boolean) {
    if (!runId) return;
    const result = await resolveApproval({ input: { runId, nodeId, approved } });
    if (result.error) toast.error(result.error);
    else toast.show(approved ? `Approved ${nodeId}` : `Rejected ${nodeId}`);
  }

  async function cancel() {
    if (!runId) return;
    const result = await cancelRun({ id: runId });
    if (result.error) toast.error(result.error);
    else toast.show('Run cancelled');
  }

  const deleteNode = (id: string) => {
    history.record();
    setNodes((current) => current.filter((n) => n.id !== id));
    setEdges((current) => current.filter((e) => e.source !== id && e.target !== id));
    setSelectedId(undefined);
  };

  const commands: Record<ShortcutCommand, () => void> = {
    undo: history.undo,
    redo: history.redo,
    save: () => {
      // One save at a time: a second Ctrl/⌘-S while saving would send a stale revision.
      if (!saving.fetching && !publishing.fetching) void saveDraft();
    },
    help: () => setHelpOpen((open) => !open),
    selectAll: () => {
      setNodes((current) => current.map((n) => ({ ...n, selected: true })));
      setEdges((current) => current.map((e) => ({ ...e, selected: true })));
    },
    delete: () => {
      const result = deleteSelection(nodes, edges);
      if (!result) return;
      history.record();
      setNodes(result.nodes);
      setEdges(result.edges);
      if (selectedId && result.removedNodeIds.includes(selectedId)) setSelectedId(undefined);
    },
    copy: () => {
      const content = copySelection(nodes, edges);
      if (content) clipboard.current = { content, pastes: 0 };
    },
    paste: () => {
      if (!clipboard.current) return;
      clipboard.current.pastes += 1;
      const offset = PASTE_OFFSET * clipboard.current.pastes;
      const pasted = pasteClipboard(clipboard.current.content, { nodes, edges }, { x: offset, y: offset });
      history.record();
      setNodes([...nodes.map((n) => ({ ...n, selected: false })), ...pasted.nodes]);
      setEdges([...edges.map((e) => ({ ...e, selected: false })), ...pasted.edges]);
      setSelectedId(pasted.nodes.length === 1 ? pasted.nodes[0]!.id : undefined);
    },
  };
  const latestCommands = useRef(commands);
  latestCommands.current = commands;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = shortcutOf(event);
      if (!command || event.defaultPrevented) return;
      // Keys typed into a field stay there (text undo, Backspace…); saving works everywhere.
      if (command !== 'save' && isTypingTarget(event.target)) return;
      // Copying text the user selected on the page (an output, say) stays the browser's.
      if (command === 'copy' && window.getSelection()?.toString()) return;
      event.preventDefault();
      latestCommands.current[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-screen flex-col">
        <AppHeader>
          <span className="font-medium" data-testid="workflow-name">
            {workflow.name}
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="workflow-version">
            {version ? `published v${version}` : 'draft'} · rev {revision}
          </span>
          <div className="ml-auto flex gap-2">
            <Button onClick={history.undo} disabled={!history.canUndo} aria-label="Undo" title="Undo (Ctrl/⌘-Z)">
              ↶
            </Button>
            <Button onClick={history.redo} disabled={!history.canRedo} aria-label="Redo" title="Redo (Shift-Ctrl/⌘-Z)">
              ↷
            </Button>
            <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
            <Button
              onClick={() => {
                history.record();
                setNodes((current) => autoLayout(current, edges));
              }}
            >
              Auto-layout
            </Button>
            <Button onClick={() => void saveDraft()} disabled={saving.fetching || publishing.fetching} aria-busy={saving.fetching && !publishing.fetching}>
              {saving.fetching && !publishing.fetching ? 'Saving…' : 'Save draft'}
            </Button>
            <Button onClick={() => void saveAndPublish()} disabled={saving.fetching || publishing.fetching} aria-busy={publishing.fetching}>
              {publishing.fetching ? 'Publishing…' : 'Publish'}
            </Button>
            <Button variant="primary" onClick={() => setRunOpen((open) => !open)} disabled={!version}>
              Run
            </Button>
          </div>
        </AppHeader>
        {run && (
          <div className="flex items-center gap-3 border-b border-slate-200 bg-slate-100 px-4 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100" data-testid="run-bar">
            <span>
              Run <span className="font-mono text-xs">{run.runId.slice(0, 8)}</span>: <strong data-testid="run-status">{run.status}</strong>
            </span>
            {!isFinished(run) && <span className="text-xs text-slate-500 dark:text-slate-400">live</span>}
            {!isFinished(run) && (
              <Button variant="danger" onClick={() => void cancel()} disabled={cancelling.fetching} aria-busy={cancelling.fetching}>
                {cancelling.fetching ? 'Cancelling…' : 'Cancel run'}
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
              onNodeDragStart={onDragStart}
              onNodeDragStop={onDragStop}
              onSelectionDragStart={onDragStart}
              onSelectionDragStop={onDragStop}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
              selectionMode={SelectionMode.Partial}
              fitView={initial.nodes.length > 0}
              fitViewOptions={{ maxZoom: 1 }}
            >
              <Background />
              <Controls />
              <MiniMap pannable zoomable nodeColor={(node) => NODE_STATE_FILL[run ? nodeStateOf(run, node.id).state : 'idle']} />
            </ReactFlow>
          </div>
          {selected && (
            <CompletionContext.Provider value={completionSources}>
              <NodePanel
                key={`${selected.id}:${history.version}`}
                node={selected}
                info={typesByName.get(selected.data.nodeType)}
                issues={issuesByNode.get(selected.id) ?? []}
                run={run}
                onChange={(patch) => {
                  history.record(`data:${selected.id}`);
                  setNodes((current) => current.map((n) => (n.id === selected.id ? { ...n, data: { ...n.data, ...patch } } : n)));
                }}
                onDelete={() => deleteNode(selected.id)}
                onRerun={() => void rerunFrom(selected.id)}
                onDecide={(approved) => void decide(selected.id, approved)}
                rerunning={rerunning.fetching}
                deciding={deciding.fetching}
              />
            </CompletionContext.Provider>
          )}
        </div>
      </div>
    </EditorContext.Provider>
  );
}
