import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry.js';
import { runNode } from '../test-support/run-node.js';
import { waitNode } from './wait.node.js';

describe('wait node', () => {
  it('suspends for a decision, with a deadline when given, keeping its input', async () => {
    const result = await runNode(waitNode, { for: 'approval', timeoutSeconds: 60 }, { input: { amount: 5 } });
    expect(result).toMatchObject({ kind: 'wait', waitFor: { kind: 'approval' }, output: { amount: 5 }, until: expect.any(String) });
    expect(await runNode(waitNode, { for: 'approval' })).not.toHaveProperty('until');
  });

  it('suspends for an event whose correlation key comes from the input, with a default lookback', async () => {
    const result = await runNode(waitNode, { for: 'event', event: 'payment.settled', correlationKey: '{{ orderId }}' }, { input: { orderId: 'o-7' } });
    expect(result).toMatchObject({ kind: 'wait', waitFor: { kind: 'event', name: 'payment.settled', correlationKey: 'o-7', lookbackMs: 300_000 } });
  });

  it('declares its branches from the kind of wait', () => {
    expect(waitNode.branchesOf!({ for: 'approval' })).toEqual(['approved', 'rejected', 'timeout']);
    expect(waitNode.branchesOf!({ for: 'event', event: 'x' })).toEqual(['received', 'timeout']);
  });

  it.each([
    [{ for: 'event' }, 'event', 'name the event'],
    [{ for: 'approval', event: 'x' }, 'event', 'only used when waiting for an event'],
    [{ for: 'later' }, 'for', ''],
    [{ for: 'approval', timeoutSeconds: -1 }, 'timeoutSeconds', ''],
  ])('refuses %j at publish, naming %s', (config, field, message) => {
    expect(defaultRegistry().toCatalog().get('wait')!.validateConfig(config)).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});

describe('wait node correlation keys', () => {
  it('takes a number key as text', async () => {
    expect(await runNode(waitNode, { for: 'event', event: 'paid', correlationKey: '{{ orderId }}' }, { input: { orderId: 42 } })).toMatchObject({ waitFor: { correlationKey: '42' } });
  });

  it('refuses a correlation key on an approval', () => {
    expect(defaultRegistry().toCatalog().get('wait')!.validateConfig({ for: 'approval', correlationKey: 'x' })).toContainEqual({ field: 'correlationKey', message: 'only used when waiting for an event' });
  });
});
