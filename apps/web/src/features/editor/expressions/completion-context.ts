'use client';

import { createContext, useContext } from 'react';
import type { CompletionSources } from './completions';

/** What the selected node's expression fields can complete; undefined turns completion off. */
export const CompletionContext = createContext<CompletionSources | undefined>(undefined);

export const useCompletionSources = () => useContext(CompletionContext);
