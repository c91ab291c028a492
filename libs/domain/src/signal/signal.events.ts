import type { Json } from '../shared/json.js';

/**
 * An external event posted to a workspace (`emitEvent`): runs waiting for its name
 * and correlation key resume with its payload. Stream `signal-<id>`, one event each.
 */
export type SignalReceived = { type: 'signal.received'; data: { signalId: string; name: string; correlationKey: string; payload: Json; receivedAt: string } };

export const SIGNAL_STREAM_TYPE = 'signal';
export const signalStreamId = (signalId: string): string => `signal-${signalId}`;

/** Event names: what a wait node and an emitter must agree on. */
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
export const MAX_CORRELATION_KEY_LENGTH = 500;
