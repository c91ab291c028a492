import type pg from 'pg';
import type { BenchOptions } from './options.js';
import type { WeftStack } from './processes.js';
import type { Trigger } from './trigger.js';

/** What every measurement gets: the options, the running stack, the trigger and a pool on the bench database. */
export type BenchContext = {
  options: BenchOptions;
  stack: WeftStack;
  trigger: Trigger;
  pool: pg.Pool;
  log: (line: string) => void;
};
