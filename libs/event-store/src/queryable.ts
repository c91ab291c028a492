import type pg from 'pg';

/** Anything that runs a query: a pool, or a client (pooled or dedicated, e.g. inside a transaction). */
export type Queryable = pg.Pool | pg.ClientBase;
