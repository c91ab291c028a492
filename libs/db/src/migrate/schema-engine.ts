import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

const require = createRequire(import.meta.url);
/** The WebAssembly global, typed narrowly (Node's types do not declare it). */
const wasmApi = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }> };
}).WebAssembly;
let wasmReady: Promise<void> | undefined;

/** Loads the WebAssembly schema engine once per process (no downloaded binary needed). */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return wasmReady;
}

type ScriptAdapter = {
  executeScript(script: string): Promise<void>;
  /** The adapter's pg pool and its error converter (to Prisma's DriverAdapterError). */
  client: { query(script: string): Promise<unknown> };
  onError(error: unknown): never;
};

/**
 * @prisma/adapter-pg runs a script by splitting it on every `;`, which breaks
 * plpgsql bodies. PostgreSQL's simple query protocol runs a whole
 * multi-statement script in one call (and in one implicit transaction), as
 * `prisma migrate deploy` does: send it whole.
 */
function wholeScripts<F extends { connect(): Promise<unknown> }>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as ScriptAdapter;
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.client.query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}

/** Opens Prisma's schema engine against `connectionString` through the pg driver adapter. */
export async function openSchemaEngine(
  connectionString: string,
  schema: { path: string; content: string },
): Promise<{ engine: SchemaEngine; close(): Promise<void> }> {
  await loadWasm();
  const pool = new pg.Pool({ connectionString, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(wholeScripts(new PrismaPg(pool)));
  const log = (message: string) => {
    if (process.env.WEFT_DEBUG_MIGRATE) console.error(message);
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}
