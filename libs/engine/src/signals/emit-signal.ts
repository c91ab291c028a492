import { EVENT_NAME_PATTERN, InvalidInputError, MAX_CORRELATION_KEY_LENGTH, SIGNAL_STREAM_TYPE, signalStreamId, type CommandMetadata, type Json, type SignalReceived } from '@weft/domain';
import type { PgEventStore } from '@weft/event-store';

export type EmitSignalRequest = { signalId: string; name: string; correlationKey?: string; payload: Json };

/**
 * Records an external event in the workspace: one `signal.received` in a stream of its
 * own. The wait matcher then resumes every run waiting for that name and correlation
 * key, and a wait that begins within its lookback window still finds it.
 * @throws InvalidInputError for a bad name or key, before anything is appended.
 */
export async function emitSignal(store: PgEventStore, request: EmitSignalRequest, metadata: CommandMetadata): Promise<SignalReceived['data']> {
  if (!EVENT_NAME_PATTERN.test(request.name)) throw new InvalidInputError('name', 'an event name is 1 to 200 letters, digits, or _ . : -');
  const correlationKey = request.correlationKey ?? '';
  if (correlationKey.length > MAX_CORRELATION_KEY_LENGTH) throw new InvalidInputError('correlationKey', `at most ${MAX_CORRELATION_KEY_LENGTH} characters`);
  const data: SignalReceived['data'] = { signalId: request.signalId, name: request.name, correlationKey, payload: request.payload, receivedAt: metadata.now };
  await store.append(signalStreamId(request.signalId), [{ type: 'signal.received', data, metadata: { commandId: metadata.commandId, ...(metadata.actorId ? { actorId: metadata.actorId } : {}), at: metadata.now } }], {
    expectedVersion: 0,
    streamType: SIGNAL_STREAM_TYPE,
    workspaceId: metadata.workspaceId,
    commandId: metadata.commandId,
    closesStream: true,
  });
  return data;
}
