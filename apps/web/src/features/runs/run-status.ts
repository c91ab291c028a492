import type { RunStatus } from '@/gql/graphql';
import type { Assignable } from '@/lib/graphql/type-checks';

export type { RunStatus };

/** Every `RunStatus` of the schema, in the order the filters list them (an unknown or a missing one fails to compile). */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly RunStatus[];
type _EveryStatusListed = Assignable<RunStatus, (typeof RUN_STATUSES)[number]>;
