import { createHash } from 'node:crypto';

/**
 * The id of the child run for one item of a node attempt: derived, not drawn, so a
 * replayed start finds the run it already started instead of starting another.
 */
export function childRunId(parentRunId: string, nodeId: string, attempt: number, index: number): string {
  const hex = createHash('sha256').update(`${parentRunId}:${nodeId}:${attempt}:${index}`).digest('hex');
  // Shaped as a UUID (version nibble 5, RFC 4122 variant) like every other run id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
