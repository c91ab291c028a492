import type { RunBucketCountsFragment } from '@/gql/graphql';

/** The outcomes of a bucket, bottom of a stacked bar first: each is a count of `RunBucket` in the schema. */
export const OUTCOMES = ['succeeded', 'failed', 'cancelled', 'active'] as const satisfies readonly (keyof RunBucketCountsFragment)[];
export type Outcome = (typeof OUTCOMES)[number];
