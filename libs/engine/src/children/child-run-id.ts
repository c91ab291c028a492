import { derivedRunId } from '../commands/derived-id.js';

/** The id of the child run for one item of a node attempt (see derivedRunId). */
export const childRunId = (parentRunId: string, nodeId: string, attempt: number, index: number): string => derivedRunId('child', parentRunId, nodeId, attempt, index);
