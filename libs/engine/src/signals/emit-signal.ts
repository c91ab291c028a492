import { EVENT_NAME_PATTERN, InvalidInputError, MAX_CORRELATION_KEY_LENGTH, SIGNAL_STREAM_TYPE, signalStreamId, type CommandMetadata, type Json, type SignalReceived } from '@weft/domain';
import { WrongExpectedVersionError, type PgEventStore } from '@weft/event-store';

export type EmitSignalRequest = { signalId: string; name: string; correlationKey?: string; payload: Json };

/**
 * Records an external event in the workspace: one `signal.received` in a stream of its
 * own. The wait matcher then resumes every run waiting for that name and correlation
 * key, and a wait that begins within its lookback window still finds it; the event
 * triggers reactor starts the workflows subscribed to its name. A repeated `signalId`
 * (derived from an idempotency key) records nothing and returns the first event, `repeated`.
 * @throws InvalidInputError for a bad name or key, before anything is appended.
 */
export async function emitSignal(store: PgEventStore, request: EmitSignalRequest, metadata: CommandMetadata): Promise<SignalReceived['data'] & { repeated: boolean }> {
  if (!EVENT_NAME_PATTERN.test(request.name)) throw new InvalidInputError('name', 'an event name is 1 to 200 letters, digits, or _ . : -');
  const correlationKey = request.correlationKey ?? '';
  if (correlationKey.length > MAX_CORRELATION_KEY_LENGTH) throw new InvalidInputError('correlationKey', `at most ${MAX_CORRELATION_KEY_LENGTH} characters`);
  const data: SignalReceived['data'] = { signalId: request.signalId, name: request.name, correlationKey, payload: request.payload, receivedAt: metadata.now };
  const event = { type: 'signal.received', data, metadata: { commandId: metadata.commandId, ...(metadata.actorId ? { actorId: metadata.actorId } : {}), at: metadata.now } };
  const appended = await store
    .append(signalStreamId(request.signalId), [event], { expectedVersion: 0, streamType: SIGNAL_STREAM_TYPE, workspaceId: metadata.workspaceId, commandId: metadata.commandId, closesStream: true })
    .catch((error: unknown) => {
      if (error instanceof WrongExpectedVersionError) return { status: 'duplicate' as const }; // a concurrent repeat won
      throw error;
    });
  if (appended.status === 'appended') return { ...data, repeated: false };
  const [first] = await store.readStream(signalStreamId(request.signalId));
  if (!first) throw new Error(`signal ${request.signalId}: recorded, yet not readable`);
  return { ...(first.data as SignalReceived['data']), repeated: true };
}
