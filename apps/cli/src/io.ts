/** Where a command writes, and what it knows of its terminal: `process` in `main.ts`, a buffer in tests. */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: progress is redrawn in place rather than printed as lines. */
  isTTY: boolean;
  /** Terminal width, for redrawn lines (80 when unknown). */
  columns: number;
  /** Terminal height: a redrawn frame must fit it (24 when unknown). */
  rows: number;
  /** ANSI colours (a terminal, and NO_COLOR unset). */
  color: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
};

export function processIo(): Io {
  const isTTY = process.stdout.isTTY === true;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY,
    get columns() {
      return process.stdout.columns || 80;
    },
    get rows() {
      return process.stdout.rows || 24;
    },
    color: isTTY && !process.env.NO_COLOR,
    env: process.env,
    cwd: process.cwd(),
  };
}
