import { describe, expect, it } from 'vitest';
import { runNode } from '../test-support/run-node.js';
import { delayNode } from './delay.node.js';

// runNode's clock is fixed at 2030-01-01T00:00:00Z.
describe('delay node', () => {
  it('waits a number of seconds and resumes with its input', async () => {
    expect(await runNode(delayNode, { seconds: 90 }, { input: { a: 1 } })).toEqual({ kind: 'wait', until: '2030-01-01T00:01:30.000Z', output: { a: 1 } });
    expect(await runNode(delayNode, { seconds: '{{ minutes * 60 }}' }, { input: { minutes: 2 } })).toMatchObject({ until: '2030-01-01T00:02:00.000Z' });
  });

  it('waits until a date, normalized to UTC', async () => {
    expect(await runNode(delayNode, { until: '2030-01-02T09:00:00+02:00' })).toEqual({ kind: 'wait', until: '2030-01-02T07:00:00.000Z', output: {} });
  });

  it('resumes at once for a date already past', async () => {
    expect(await runNode(delayNode, { until: '2029-12-31T00:00:00Z' })).toMatchObject({ until: '2030-01-01T00:00:00.000Z' });
  });

  it.each([
    [{}, 'seconds: set exactly one of seconds and until'],
    [{ seconds: 5, until: '2030-01-02T00:00:00Z' }, 'seconds: set exactly one of seconds and until'],
    [{ seconds: -1 }, 'seconds: Too small: expected number to be >=0'],
    [{ seconds: 366 * 86_400 + 1 }, 'seconds: Too big: expected number to be <=31622400'],
    [{ seconds: '5' }, 'seconds: must be number, got string'],
    [{ until: 'tomorrow' }, 'until: Invalid ISO datetime'],
    [{ until: '2030-01-02T00:00:00' }, 'until: Invalid ISO datetime'],
  ])('refuses %j', async (config, message) => {
    await expect(runNode(delayNode, config)).rejects.toMatchObject({ code: 'CONFIG', retryable: false, message: `Invalid configuration: ${message}` });
  });

  it('refuses a date more than 366 days ahead', async () => {
    await expect(runNode(delayNode, { until: '2031-01-03T00:00:00Z' })).rejects.toMatchObject({ code: 'CONFIG', field: 'until', message: 'until is more than 366 days ahead' });
  });
});
