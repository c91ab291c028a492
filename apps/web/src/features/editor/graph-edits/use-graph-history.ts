'use client';

import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { CanvasEdge, CanvasNode } from '../canvas/graph-mapping';
import { emptyHistory, pushHistory, redoHistory, undoHistory, type HistoryStack } from './history-stack';

export type GraphSnapshot = { nodes: CanvasNode[]; edges: CanvasEdge[] };

const LIMIT = 100;

/**
 * Undo / redo over the canvas graph. Call `record()` right before a change (it snapshots
 * the graph as last rendered); `key` coalesces a burst of edits to one field. `version`
 * changes on every undo and redo, so forms holding their own text can remount.
 */
export function useGraphHistory(nodes: CanvasNode[], edges: CanvasEdge[], setNodes: Dispatch<SetStateAction<CanvasNode[]>>, setEdges: Dispatch<SetStateAction<CanvasEdge[]>>) {
  const current = useRef<GraphSnapshot>({ nodes, edges });
  current.current = { nodes, edges };
  const stack = useRef<HistoryStack<GraphSnapshot>>(emptyHistory(LIMIT));
  const [depth, setDepth] = useState({ past: 0, future: 0 });
  const sync = () => setDepth({ past: stack.current.past.length, future: stack.current.future.length });
  const [version, setVersion] = useState(0);

  const record = useCallback((key?: string, before: GraphSnapshot = current.current) => {
    stack.current = pushHistory(stack.current, before, key === undefined ? {} : { key, at: Date.now() });
    sync();
  }, []);

  const travel = useCallback(
    (direction: 'undo' | 'redo') => {
      const result = (direction === 'undo' ? undoHistory : redoHistory)(stack.current, current.current);
      if (!result) return;
      stack.current = result.stack;
      setNodes(result.state.nodes);
      setEdges(result.state.edges);
      setVersion((v) => v + 1);
      sync();
    },
    [setNodes, setEdges],
  );

  return {
    record,
    undo: useCallback(() => travel('undo'), [travel]),
    redo: useCallback(() => travel('redo'), [travel]),
    canUndo: depth.past > 0,
    canRedo: depth.future > 0,
    version,
    /** The graph as last rendered (for drag start snapshots). */
    snapshot: () => current.current,
  };
}
