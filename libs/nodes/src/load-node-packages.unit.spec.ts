import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNodeRegistry, NodePackageError } from './load-node-packages.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('loadNodeRegistry', () => {
  it('adds the nodes of a package, given by path from the working directory, to the built-in ones', async () => {
    const registry = await loadNodeRegistry(['./libs/nodes/test-fixtures/acme-nodes/index.js'], repoRoot);
    expect(registry.get('acme.chatty')?.title).toBe('Chatty (example)');
    expect(registry.get('set')).toBeDefined();
    expect(registry.toCatalog().get('acme.chatty')?.validateConfig({ lines: 'x' })).toEqual([expect.objectContaining({ field: expect.stringContaining('lines') as unknown })]);
  });

  it('loads a package folder by its path too', async () => {
    const registry = await loadNodeRegistry(['./libs/nodes/test-fixtures/acme-nodes'], repoRoot);
    expect(registry.get('acme.chatty')).toBeDefined();
  });

  it('refuses a type defined twice, naming both definers', async () => {
    await expect(loadNodeRegistry(['./libs/nodes/test-fixtures/dup-nodes.js'], repoRoot)).rejects.toThrow(
      new NodePackageError('node type "set" from node package "./libs/nodes/test-fixtures/dup-nodes.js" is already defined by the built-in nodes'),
    );
    await expect(loadNodeRegistry(['./libs/nodes/test-fixtures/acme-nodes/index.js', './libs/nodes/test-fixtures/acme-nodes/index.js'], repoRoot)).rejects.toThrow(/already defined by node package/);
  });

  it('refuses a package that is missing or exports no nodes', async () => {
    await expect(loadNodeRegistry(['@acme/does-not-exist'], repoRoot)).rejects.toThrow(/node package "@acme\/does-not-exist" could not be loaded/);
    await expect(loadNodeRegistry(['./libs/nodes/test-fixtures/acme-nodes/package.json'], repoRoot)).rejects.toThrow(NodePackageError);
  });
});
