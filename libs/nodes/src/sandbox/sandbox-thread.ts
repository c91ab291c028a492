import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core';
import { runInQuickJs } from './run-in-quickjs.js';
import type { SandboxOutcome, SandboxRequest } from './sandbox-protocol.js';

type Variant = Extract<Parameters<typeof newVariant>[0], { type: 'sync' }>;
/** WebAssembly's constructors (this project's type libraries do not declare them). */
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Memory: new (descriptor: { initial: number; maximum: number }) => object } }).WebAssembly;

const PAGE_BYTES = 64 * 1024;
/** What the QuickJS build starts with (its data and C stack): its memory import asks for at least this. */
export const BASE_MEMORY_BYTES = 16 * 1024 * 1024;

/**
 * A sandbox thread. Every execution gets a fresh WebAssembly instance of QuickJS whose
 * linear memory has a hard maximum (base + the request's limit): QuickJS's own allocation
 * limit does not count large strings and buffers, the WebAssembly maximum does. The host's
 * event loop stays free while user code runs, and the host may terminate the thread outright.
 */
const port = parentPort!;
const require = createRequire(import.meta.url);
const wasmModule = new wasm.Module(readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
// The variant's types describe its CommonJS build; the ESM build loaded here has the variant as `default`.
const variant = ((await import('@jitl/quickjs-wasmfile-release-sync')) as unknown as { default: Variant }).default;

async function execute(request: SandboxRequest): Promise<SandboxOutcome> {
  const maximumPages = Math.ceil((BASE_MEMORY_BYTES + request.memoryBytes) / PAGE_BYTES);
  const wasmMemory = new wasm.Memory({ initial: BASE_MEMORY_BYTES / PAGE_BYTES, maximum: maximumPages });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule, wasmMemory }));
  return runInQuickJs(module, request);
}

port.on('message', (request: SandboxRequest) => {
  execute(request).then(
    (outcome) => port.postMessage(outcome),
    (error: unknown) => {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure';
      port.postMessage({ ok: false, kind: 'crashed', message: `The sandbox failed: ${message}`, logs: [], heapBytes: 0 } satisfies SandboxOutcome);
    },
  );
});
port.postMessage('ready');
