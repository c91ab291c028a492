import type { Io } from '../io.js';
import { formatEventLine, formatOutcome, renderFrame } from './render-progress.js';
import { applyEvent, withGraphNodes, type PushedEvent, type RunProgress } from './run-progress.js';

/** Shows a run as its events come: redrawn in place on a terminal, one line per event otherwise. */
export type RunDisplay = {
  event(event: PushedEvent): void;
  /** The graph's nodes, once known: a terminal lists the nodes that have not started yet. */
  nodes(nodes: readonly { id: string; name?: string }[]): void;
  /** Draws the last frame (a terminal) and the run's outcome; returns the run as it ended. */
  finish(): RunProgress;
  /** Stops redrawing, leaving the terminal as it is (an error, Ctrl-C). */
  stop(): void;
};

const FRAME_MS = 80;

export function createRunDisplay(io: Io, start: RunProgress): RunDisplay {
  let progress = start;
  if (!io.isTTY) {
    return {
      event(event) {
        progress = applyEvent(progress, event);
        io.out(`${formatEventLine(event, progress)}\n`);
      },
      nodes(nodes) {
        progress = withGraphNodes(progress, nodes);
      },
      finish() {
        io.out(`${formatOutcome(progress).join('\n')}\n`);
        return progress;
      },
      stop() {},
    };
  }
  let tick = 0;
  let drawn = 0;
  const draw = () => {
    const lines = renderFrame(progress, { now: Date.now(), tick: tick++, columns: io.columns, rows: io.rows, color: io.color });
    // Back to the first line of the last frame, clear down, draw again.
    io.out(`${drawn ? `\x1b[${drawn}F` : ''}\x1b[0J${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  io.out('\x1b[?25l'); // no cursor blinking over the spinner
  draw();
  const timer = setInterval(draw, FRAME_MS);
  const stop = () => {
    clearInterval(timer);
    io.out('\x1b[?25h');
  };
  return {
    event(event) {
      progress = applyEvent(progress, event);
    },
    nodes(nodes) {
      progress = withGraphNodes(progress, nodes);
    },
    finish() {
      draw();
      stop();
      io.out(`${formatOutcome(progress).join('\n')}\n`);
      return progress;
    },
    stop,
  };
}
