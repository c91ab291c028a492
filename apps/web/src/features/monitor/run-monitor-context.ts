'use client';

import { createContext, useContext } from 'react';
import type { NodeTimeline } from './run-history';
import type { RunEvent, RunState } from './run-state';

/**
 * The watched run, shared by the canvas, the node panel and the monitor panel: every
 * event delivered so far, the live state, and what is shown — the live state, or the
 * state after the first `cursor` events while time-travelling.
 */
export type RunMonitorValue = {
  /** The run the editor asked for (`watch`). */
  watched: string | undefined;
  /** The run actually followed: the watched one, or the retry started from it. */
  runId: string | undefined;
  events: RunEvent[];
  live: RunState | undefined;
  /** What the canvas draws: node states after `cursor` events, the run's own status. */
  shown: RunState | undefined;
  shownEvents: RunEvent[];
  timelines: Record<string, NodeTimeline>;
  /** The number of events shown; undefined while following live. */
  cursor: number | undefined;
  /** The moment shown: the shown event's time while time-travelling, else undefined (now). */
  shownAt: number | undefined;
  error: string | undefined;
  setCursor: (cursor: number | undefined) => void;
  watch: (runId: string | undefined) => void;
  /** Retries a failed run: re-runs it from the node it failed at, then follows the new run. */
  retry: () => Promise<string | undefined>;
};

export const RunMonitorContext = createContext<RunMonitorValue | undefined>(undefined);

export const useRunMonitorContext = () => useContext(RunMonitorContext);
