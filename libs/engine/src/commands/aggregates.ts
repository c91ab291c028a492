import {
  createCredentialDecider,
  createEventSubscriptionDecider,
  CREDENTIAL_STREAM_TYPE,
  credentialStreamId,
  type CredentialCommand,
  type CredentialEvent,
  type CredentialState,
  createRunDecider,
  createRunSlotsDecider,
  createWorkflowDecider,
  createNetworkPolicyDecider,
  NETWORK_POLICY_STREAM_TYPE,
  networkPolicyStreamId,
  type AllowEntryCheck,
  type NetworkPolicyCommand,
  type NetworkPolicyEvent,
  type NetworkPolicyState,
  EVENT_SUBSCRIPTION_STREAM_TYPE,
  eventSubscriptionStreamId,
  RUN_SLOTS_STREAM_TYPE,
  RUN_STREAM_TYPE,
  runSlotsStreamId,
  runStreamId,
  WORKFLOW_STREAM_TYPE,
  workflowStreamId,
  type EventSubscriptionCommand,
  type EventSubscriptionEvent,
  type EventSubscriptionState,
  type NodeTypeCatalog,
  type RunCommand,
  type RunEvent,
  type RunSlotsCommand,
  type RunSlotsEvent,
  type RunSlotsState,
  type RunState,
  type TriggerChecks,
  type WorkflowCommand,
  type WorkflowEvent,
  type WorkflowState,
} from '@weft/domain';
import type { PgEventStore } from '@weft/event-store';
import type { OutputStorage } from '../outputs/output-storage.js';
import { AggregateStore } from './aggregate-store.js';
import { cronChecks } from '../schedules/cron.js';

export type Aggregates = {
  workflows: AggregateStore<WorkflowState, WorkflowCommand, WorkflowEvent>;
  runs: AggregateStore<RunState, RunCommand, RunEvent>;
  /** Each workflow's run slots (`settings.maxConcurrentRuns`): which runs hold one, which wait. */
  slots: AggregateStore<RunSlotsState, RunSlotsCommand, RunSlotsEvent>;
  /** A workspace's subscriptions of external URLs to run events (a deleted one closes its stream). */
  subscriptions: AggregateStore<EventSubscriptionState, EventSubscriptionCommand, EventSubscriptionEvent>;
  /** A workspace's credentials: sealed values only (a deleted one closes its stream). */
  credentials: AggregateStore<CredentialState, CredentialCommand, CredentialEvent>;
  /** Each workspace's network allow-list (private hosts and ranges its nodes may reach). */
  networkPolicies: AggregateStore<NetworkPolicyState, NetworkPolicyCommand, NetworkPolicyEvent>;
  /** Where node outputs too large for run events go; an output is stored there before any command references it. */
  outputs?: OutputStorage;
};

const NODE_REPORTS: ReadonlySet<RunCommand['type']> = new Set(['StartNode', 'CompleteNode', 'FailNode', 'WaitNode', 'FireTimer']);

export type AggregateHooks = {
  /** After a run append commits: the fast path that publishes its new tasks at once (the relay also does, later). */
  afterRunAppend?(command: RunCommand, events: readonly RunEvent[], appended: { version: number; lastPosition: number; state: RunState }): Promise<void>;
};

/** Checks the node plugins lend to deciders; without them, what needs one is refused. */
export type PluginChecks = {
  /** Expression syntax: lets event triggers have filters. */
  expression?: TriggerChecks['expression'];
  /** Network allow-list entries a workspace may set. */
  allowEntry?: AllowEntryCheck;
};

const NO_ALLOW_ENTRY_CHECK: AllowEntryCheck = () => 'network allow-lists cannot be checked by this process (it runs without node plugins)';

/** Command handling for every stream type, sharing one event store. */
export function createAggregates(store: PgEventStore, catalog: NodeTypeCatalog, hooks: AggregateHooks = {}, outputs?: OutputStorage, checks: PluginChecks = {}): Aggregates {
  const checkExpression = checks.expression;
  return {
    ...(outputs ? { outputs } : {}),
    workflows: new AggregateStore(store, {
      decider: createWorkflowDecider(catalog, { ...cronChecks, ...(checkExpression ? { expression: checkExpression } : {}) }),
      streamType: WORKFLOW_STREAM_TYPE,
      streamIdOf: (c) => workflowStreamId(c.data.workflowId),
      entity: 'workflow',
      entityIdOf: (c) => c.data.workflowId,
      creates: (c) => c.type === 'CreateWorkflow',
    }),
    runs: new AggregateStore(store, {
      decider: createRunDecider(catalog),
      streamType: RUN_STREAM_TYPE,
      streamIdOf: (c) => runStreamId(c.data.runId),
      entity: 'run',
      entityIdOf: (c) => c.data.runId,
      closes: (events) => events.some((e) => e.type === 'workflow.finished'),
      creates: (c) => c.type === 'StartRun',
      // Node reports are fenced by attempt: a repeat decides nothing, so their ids need no row.
      recordsCommandId: (c) => !NODE_REPORTS.has(c.type),
      afterAppend: hooks.afterRunAppend && ((command, events, appended) => hooks.afterRunAppend!(command, events, appended)),
    }),
    slots: new AggregateStore(store, {
      decider: createRunSlotsDecider(),
      streamType: RUN_SLOTS_STREAM_TYPE,
      streamIdOf: (c) => runSlotsStreamId(c.data.workflowId),
      entity: 'workflow',
      entityIdOf: (c) => c.data.workflowId,
    }),
    subscriptions: new AggregateStore(store, {
      decider: createEventSubscriptionDecider(),
      streamType: EVENT_SUBSCRIPTION_STREAM_TYPE,
      streamIdOf: (c) => eventSubscriptionStreamId(c.data.subscriptionId),
      entity: 'eventSubscription',
      entityIdOf: (c) => c.data.subscriptionId,
      closes: (events) => events.some((e) => e.type === 'subscription.deleted'),
      creates: (c) => c.type === 'CreateSubscription',
    }),
    credentials: new AggregateStore(store, {
      decider: createCredentialDecider(),
      streamType: CREDENTIAL_STREAM_TYPE,
      streamIdOf: (c) => credentialStreamId(c.data.credentialId),
      entity: 'credential',
      entityIdOf: (c) => c.data.credentialId,
      closes: (events) => events.some((e) => e.type === 'credential.deleted'),
      creates: (c) => c.type === 'CreateCredential',
    }),
    networkPolicies: new AggregateStore(store, {
      decider: createNetworkPolicyDecider(checks.allowEntry ?? NO_ALLOW_ENTRY_CHECK),
      streamType: NETWORK_POLICY_STREAM_TYPE,
      streamIdOf: (c) => networkPolicyStreamId(c.data.workspaceId),
      entity: 'workspace',
      entityIdOf: (c) => c.data.workspaceId,
    }),
  };
}
