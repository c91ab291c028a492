'use client';

import { createContext, useContext } from 'react';
import type { GraphIssue } from '@/lib/graphql/errors';
import type { RunState } from '@/features/monitor/run-state';
import type { NodeTypeInfo } from './canvas/workflow-graph';

/** What every canvas node needs besides its own data: the node types, the server's issues, and the run being watched. */
export type EditorContextValue = {
  typesByName: ReadonlyMap<string, NodeTypeInfo>;
  issuesByNode: ReadonlyMap<string, GraphIssue[]>;
  run: RunState | undefined;
};

export const EditorContext = createContext<EditorContextValue>({ typesByName: new Map(), issuesByNode: new Map(), run: undefined });

export const useEditorContext = () => useContext(EditorContext);
