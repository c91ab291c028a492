import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { SealedSecret } from '../shared/sealed-secret.js';
import { deciderSpec, meta } from '../testing/decider-spec.js';
import type { EventSubscriptionCommand } from './event-subscription.commands.js';
import { createEventSubscriptionDecider } from './event-subscription.decider.js';
import type { EventSubscriptionEvent } from './event-subscription.events.js';

const spec = deciderSpec(createEventSubscriptionDecider());
const now = '2026-01-01T00:00:00.000Z';
const secret: SealedSecret = { keyId: 'k1', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' };

const create = (data: Partial<{ url: unknown; eventTypes: unknown; workflowIds: unknown; secret: SealedSecret }> = {}): EventSubscriptionCommand => ({
  type: 'CreateSubscription',
  data: { subscriptionId: 's1', url: 'https://hooks.example.com/weft', secret, ...data },
  metadata: meta(),
});
const remove = (): EventSubscriptionCommand => ({ type: 'DeleteSubscription', data: { subscriptionId: 's1' }, metadata: meta() });
const created = (extra: Partial<Extract<EventSubscriptionEvent, { type: 'subscription.created' }>['data']> = {}): EventSubscriptionEvent => ({
  type: 'subscription.created',
  data: { subscriptionId: 's1', url: 'https://hooks.example.com/weft', eventTypes: ['workflow.started', 'node.completed', 'workflow.finished'], workflowIds: null, secret, createdAt: now, ...extra },
});
const deleted: EventSubscriptionEvent = { type: 'subscription.deleted', data: { subscriptionId: 's1', deletedAt: now } };

/** The error `run` throws, for its class and field. */
const refusal = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
};

describe('event subscription decider', () => {
  it('given nothing, when created without filters, then it subscribes to all three event types of every workflow', () => {
    expect(spec.given([]).when(create()).run()).toEqual([created()]);
  });

  it('given nothing, when created with filters, then it keeps them, in catalogue order and without repeats', () => {
    const events = spec.given([]).when(create({ eventTypes: ['workflow.finished', 'workflow.started', 'workflow.finished'], workflowIds: ['w2', 'w1', 'w2'] })).run();
    expect(events).toEqual([created({ eventTypes: ['workflow.started', 'workflow.finished'], workflowIds: ['w2', 'w1'] })]);
  });

  it.each([
    [{ url: 'ftp://files.example.com/x' }, 'url', /must be http or https, not ftp/],
    [{ url: 'not a url' }, 'url', /not a valid absolute URL/],
    [{ url: '' }, 'url', /is required/],
    [{ url: 42 }, 'url', /is required/],
    [{ url: `https://example.com/${'a'.repeat(2000)}` }, 'url', /at most 2000 characters/],
    [{ url: 'https://user:pw@example.com/hook' }, 'url', /user name or password/],
    [{ eventTypes: ['workflow.started', 'node.started'] }, 'eventTypes[1]', /unknown event type "node.started": one of workflow.started, node.completed, workflow.finished/],
    [{ eventTypes: [] }, 'eventTypes', /at least one/],
    [{ eventTypes: 'workflow.started' }, 'eventTypes', /a list/],
    [{ workflowIds: [] }, 'workflowIds', /at least one/],
    [{ workflowIds: ['w1', ''] }, 'workflowIds[1]', /a workflow id/],
    [{ workflowIds: Array.from({ length: 101 }, (_, i) => `w${i}`) }, 'workflowIds', /at most 100/],
  ])('given nothing, when created with %o, then it is refused naming %s', (data, field, message) => {
    const error = refusal(spec.given([]).when(create(data)).run);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses a secret that is not sealed', () => {
    const error = refusal(spec.given([]).when(create({ secret: { keyId: 'k1', iv: '', tag: '', ciphertext: 'plain' } })).run);
    expect((error as InvalidInputError).field).toBe('secret');
  });

  it('given a subscription, when created again, then it conflicts', () => {
    expect(spec.given([created()]).when(create()).run).toThrow(ConflictError);
  });

  it('given a subscription, when deleted, then it is deleted; deleting again or deleting nothing is not found', () => {
    expect(spec.given([created()]).when(remove()).run()).toEqual([deleted]);
    expect(spec.given([created(), deleted]).when(remove()).run).toThrow(NotFoundError);
    expect(spec.given([]).when(remove()).run).toThrow(NotFoundError);
  });

  it('folds its state from its events', () => {
    expect(spec.given([created({ workflowIds: ['w1'] })]).state).toMatchObject({ exists: true, url: 'https://hooks.example.com/weft', workflowIds: ['w1'], deleted: false });
    expect(spec.given([created(), deleted]).state).toMatchObject({ exists: true, deleted: true });
  });
});
