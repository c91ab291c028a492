import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@weft/event-store';
import { toDeliveryPayload } from './delivery-payload.js';
import { retryDelayMs } from './retry-delay.js';
import { createSigningSecret, deliveryId, signDelivery } from './signing.js';

const retry = { maxAttempts: 10, retryMs: 10_000, maxRetryMs: 1_200_000 };

describe('delivery retries', () => {
  it('wait 10 s after the first failure, doubling up to 20 min: about an hour over 10 attempts', () => {
    const waits = Array.from({ length: 9 }, (_, i) => retryDelayMs(retry, i + 1, 0));
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_200_000, 1_200_000]);
    expect(waits.reduce((a, b) => a + b, 0) / 60_000).toBeCloseTo(61.2, 1);
  });

  it('shorten each wait by up to a quarter at random', () => {
    expect(retryDelayMs(retry, 1, 0.999)).toBe(7503);
    expect(retryDelayMs(retry, 3, 0.5)).toBe(35_000);
    expect(retryDelayMs({ ...retry, retryMs: 50, maxRetryMs: 200 }, 30, 0)).toBe(200);
  });
});

describe('delivery signing', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret, as a receiver checks it', () => {
    const secret = createSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const body = JSON.stringify({ type: 'node.completed' });
    const header = signDelivery(secret, '1767225600', body);
    const expected = `sha256=${createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(header), Buffer.from(expected))).toBe(true);
    expect(signDelivery(secret, '1767225601', body)).not.toBe(header);
  });

  it('derives one delivery id per subscription and event, shaped as a UUID', () => {
    expect(deliveryId('s1', 42)).toBe(deliveryId('s1', 42));
    expect(deliveryId('s1', 42)).not.toBe(deliveryId('s1', 43));
    expect(deliveryId('s1', 42)).not.toBe(deliveryId('s2', 42));
    expect(deliveryId('s1', 42)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('delivery payload', () => {
  const event = (type: string, data: unknown, version = 1): StoredEvent => ({
    globalPosition: 7,
    transactionId: '1',
    streamId: 'run-r1',
    version,
    eventId: 'e1',
    type,
    schemaVersion: 1,
    data,
    metadata: {},
    workspaceId: 'ws',
    recordedAt: new Date('2026-01-01T00:00:00.000Z'),
  });
  const origin = { workflowId: 'w1', workflowVersion: 3 };

  it('is the public event: name, run, workflow, place in the run, time and data', () => {
    expect(toDeliveryPayload(event('node.completed', { nodeId: 'a', output: { x: 1 } }, 4), 'r1', origin)).toEqual({
      type: 'node.completed',
      runId: 'r1',
      workflowId: 'w1',
      workflowVersion: 3,
      version: 4,
      at: '2026-01-01T00:00:00.000Z',
      data: { nodeId: 'a', output: { x: 1 } },
    });
  });

  it('leaves the pinned graph out of workflow.started', () => {
    const payload = toDeliveryPayload(event('workflow.started', { runId: 'r1', workflowId: 'w1', graph: { nodes: [] }, input: { n: 1 } }), 'r1', origin);
    expect(payload.data).toEqual({ runId: 'r1', workflowId: 'w1', input: { n: 1 } });
  });
});
