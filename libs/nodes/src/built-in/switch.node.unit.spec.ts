import type { JsonObject } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry.js';
import { runNode } from '../test-support/run-node.js';
import { switchNode } from './switch.node.js';

const tiers: JsonObject = { value: '{{ tier }}', cases: [{ branch: 'gold', equals: 'gold' }, { branch: 'silver', equals: 'silver' }] };

describe('switch node', () => {
  it('takes the branch of the first case whose value matches, passing the input through', async () => {
    expect(await runNode(switchNode, tiers, { input: { tier: 'silver' } })).toEqual({ kind: 'completed', output: { tier: 'silver' }, branch: 'silver' });
  });

  it('takes default when no case matches', async () => {
    expect(await runNode(switchNode, tiers, { input: { tier: 'bronze' } })).toMatchObject({ branch: 'default' });
  });

  it('matches "when" conditions in order, and compares equals deeply, key order ignored', async () => {
    const config: JsonObject = { value: '{{ $ }}', cases: [{ branch: 'big', when: '{{ n > 100 }}' }, { branch: 'exact', equals: { n: 5, k: 'a' } }, { branch: 'any', when: true }] };
    expect(await runNode(switchNode, config, { input: { n: 500, k: 'a' } })).toMatchObject({ branch: 'big' });
    expect(await runNode(switchNode, config, { input: { k: 'a', n: 5 } })).toMatchObject({ branch: 'exact' });
    expect(await runNode(switchNode, config, { input: { n: 7 } })).toMatchObject({ branch: 'any' });
  });

  it('declares its cases and default as branches', () => {
    expect(switchNode.branchesOf!(tiers)).toEqual(['gold', 'silver', 'default']);
    expect(switchNode.branchesOf!({ cases: 'nope' })).toEqual(['default']);
  });

  it.each([
    [{ cases: [{ branch: 'default', equals: 1 }] }, 'cases.0.branch', 'reserved'],
    [{ cases: [{ branch: 'error', equals: 1 }] }, 'cases.0.branch', 'reserved'],
    [{ cases: [{ branch: 'a', equals: 1 }, { branch: 'a', equals: 2 }] }, 'cases.1.branch', 'earlier case'],
    [{ cases: [{ branch: '{{ name }}', equals: 1 }] }, 'cases.0.branch', 'must be a name'],
    [{ cases: [{ branch: 'a' }] }, 'cases.0', 'either "equals" or "when"'],
    [{ cases: [] }, 'cases', ''],
  ] as [JsonObject, string, string][])('refuses the config %j at publish, naming %s', (config, field, message) => {
    const issues = defaultRegistry().toCatalog().get('switch')!.validateConfig(config);
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});
