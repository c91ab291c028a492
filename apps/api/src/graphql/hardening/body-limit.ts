import type { WeftConfig } from '@weft/engine';

/** Room for the query text, the other variables and JSON escaping around one argument at the payload limit. */
const ENVELOPE_BYTES = 64 * 1024;

/** The largest request body the API reads (JSON, on /graphql and the HTTP trigger); a larger one is answered 413 PAYLOAD_TOO_LARGE. */
export const requestBodyLimit = (config: Pick<WeftConfig, 'maxPayloadBytes'>): number => config.maxPayloadBytes + ENVELOPE_BYTES;
