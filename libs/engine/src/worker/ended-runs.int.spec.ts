import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LivePublisher, LiveSubscriber } from '@weft/bus';
import { deleteRedisPrefix, testRedisUrl } from '@weft/testing';
import { createLogger } from '../logger.js';
import { FINISHED_RUNS } from '../relay/feed-event.js';
import { followEndedRuns } from './ended-runs.js';

describe('followEndedRuns', () => {
  const prefix = `weft:t:ended-${randomUUID().slice(0, 8)}:`;
  const publisherConnection = new Redis(testRedisUrl());
  const subscriber = new LiveSubscriber(new Redis(testRedisUrl()), prefix, { logger: { warn: () => undefined } });
  const publisher = new LivePublisher(publisherConnection, prefix);
  afterAll(async () => {
    await subscriber.close();
    publisherConnection.disconnect();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  it('tells the id of each run whose workflow.finished is announced, and nothing else', async () => {
    const ended: string[] = [];
    const stop = await followEndedRuns((channel, listener) => subscriber.subscribe(channel, listener), (runId) => ended.push(runId), createLogger({}, { silent: true }));
    await publisher.publish(FINISHED_RUNS, { type: 'workflow.finished', streamId: 'run-r1', data: { status: 'cancelled' } });
    await publisher.publish(FINISHED_RUNS, { type: 'node.completed', streamId: 'run-r2' });
    await publisher.publish(FINISHED_RUNS, { type: 'workflow.finished', streamId: 'workflow-w1' });
    await publisher.publish(FINISHED_RUNS, ['not', 'an', 'event']);
    await publisher.publish('r3', { type: 'workflow.finished', streamId: 'run-r3' }); // a run's own channel
    await publisher.publish(FINISHED_RUNS, { type: 'workflow.finished', streamId: 'run-r4', data: { status: 'failed' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended).toEqual(['r1', 'r4']);

    await stop();
    await publisher.publish(FINISHED_RUNS, { type: 'workflow.finished', streamId: 'run-r5' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended).toEqual(['r1', 'r4']);
    expect(subscriber.channelCount).toBe(0);
  });

  it('never rejects: a failed subscription is logged and stopping it does nothing', async () => {
    const warnings: string[] = [];
    const logger = { ...createLogger({}, { silent: true }), warn: (message: string) => void warnings.push(message) };
    const stop = await followEndedRuns(() => Promise.reject(new Error('Redis down')), () => undefined, logger);
    expect(warnings).toEqual(['cannot follow ended runs: their tasks are aborted at the next lease check only']);
    await expect(stop()).resolves.toBeUndefined();
  });
});
