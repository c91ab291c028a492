import type { z } from 'zod';
import type { JoinPolicy, Json, JsonObject, WaitFor } from '@weft/domain';
import type { NodeCredentials } from './credentials/node-credential.js';

/** What a node may log; kept with its node run (later issue) and never holding secrets. */
export type NodeLogger = {
  info(message: string, data?: JsonObject): void;
  warn(message: string, data?: JsonObject): void;
  error(message: string, data?: JsonObject): void;
};

/** Capabilities the worker hands to nodes, configured by the operator, never by the workflow. */
export type NodeServices = {
  /** fetch guarded against SSRF: private, loopback, link-local and metadata addresses refused unless allow-listed. */
  fetch: typeof fetch;
  /**
   * For nodes that open raw TCP connections (email over SMTP, SQL over PostgreSQL): resolves
   * a host, checks every address with the same SSRF policy and allow-list as `fetch`, and
   * returns the address to connect to. Throws BlockedAddressError. Omitted: such nodes refuse to connect.
   */
  guardHost?: (host: string, port: number) => Promise<string>;
  now(): Date;
  /** The published version a child run would use (`version`, else the latest), or undefined when the workflow has none in the workspace (or is archived). */
  publishedVersion(workspaceId: string, workflowId: string, version?: number): Promise<number | undefined>;
};

export type NodeRunIdentity = {
  runId: string;
  workflowId: string;
  workspaceId: string;
  nodeId: string;
  attempt: number;
};

export type NodeExecutionContext<Config> = {
  /** The node's configuration with every `{{ expression }}` resolved and validated against `configSchema`. */
  config: Config;
  /** The node's input: its single live predecessor's output, `{ [predecessorId]: output }` for several, the run input for a root. */
  input: Json;
  /** The outputs of the node's live predecessors, by predecessor id (empty for a root). */
  inputs: Record<string, Json>;
  signal: AbortSignal;
  log: NodeLogger;
  run: NodeRunIdentity;
  services: NodeServices;
  /**
   * The credentials named by the definition's `credentials(config)`, decrypted for this
   * attempt only. Whatever of their values shows up in the output, an error or a log
   * line is replaced by `[REDACTED]` before it leaves the worker.
   */
  credentials: NodeCredentials;
};

/**
 * `completed`: the node produced its output (and, for branching nodes, the branch taken).
 * `wait`: the node suspends the run: it resumes at `until` (a durable timer) with `output`, or,
 * with `waitFor`, when a decision or a matching event arrives (then `until` is an optional deadline).
 */
export type NodeResult =
  | { kind: 'completed'; output: Json; branch?: string }
  | { kind: 'wait'; until?: string; output: Json; waitFor?: WaitFor };

/** A node type: a plugin. Adding one never touches the engine. */
export type NodeDefinition<Config = unknown> = {
  type: string;
  title: string;
  description: string;
  category: 'logic' | 'data' | 'integration' | 'flow';
  configSchema: z.ZodType<Config>;
  /** Output handles for branching nodes (e.g. `['true', 'false']`); omitted: one output. */
  branches?: readonly string[];
  /** Output handles that depend on the stored (unresolved) config, e.g. a switch's cases. Pure and total. */
  branchesOf?: (config: JsonObject) => readonly string[];
  /** When the node runs relative to its inputs, from the stored config (a merge's `join`). Pure and total; omitted: all. */
  joinOf?: (config: JsonObject) => JoinPolicy;
  /** Config keys left exactly as written instead of being template-resolved (e.g. code). */
  rawConfigKeys?: readonly string[];
  /**
   * A quick node is pure and fast (no I/O): the worker records its start and
   * its result in one append instead of two. Leave unset for anything that
   * waits on the outside world, so watchers see it running.
   */
  quick?: boolean;
  /**
   * The ids of the workspace credentials this node uses, read from its stored config
   * (literal ids: templates are not resolved here). Pure and total; omitted: none.
   */
  credentials?: (config: JsonObject) => readonly string[];
  /** Redis task queue; defaults to `default`. */
  queue?: string;
  execute(ctx: NodeExecutionContext<Config>): Promise<NodeResult>;
};
