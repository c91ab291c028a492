import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantiateExample } from './instantiate-example.js';
import { listExamples, loadExample } from './load-example.js';

const shipped = path.resolve(import.meta.dirname, '../../../examples');

describe('loadExample', () => {
  it('refuses a missing file, malformed JSON and a wrong field, naming the file and field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'weft-example-'));
    await expect(loadExample(dir)).rejects.toThrow(`${path.join(dir, 'workflow.json')}: not found`);
    await writeFile(path.join(dir, 'workflow.json'), '{ "name": ');
    await expect(loadExample(dir)).rejects.toThrow(/workflow\.json: not JSON/);
    await writeFile(path.join(dir, 'workflow.json'), JSON.stringify({ name: 'x', description: 'y', graph: { nodes: [], edges: [] }, parameters: { 'bad-name': { description: 'z' } } }));
    await expect(loadExample(dir)).rejects.toThrow(/workflow\.json: parameters\.bad-name: parameter names are letters, digits and _/);
  });

  it('lists only folders holding a workflow.json', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'weft-examples-'));
    await mkdir(path.join(root, 'b'));
    await writeFile(path.join(root, 'b', 'workflow.json'), '{}');
    await mkdir(path.join(root, 'a'));
    await writeFile(path.join(root, 'a', 'README.md'), '# not an example');
    expect(await listExamples(root)).toEqual([path.join(root, 'b')]);
  });

  it('every shipped example loads, documents itself in a README and fills in with placeholder values', async () => {
    const dirs = await listExamples(shipped);
    expect(dirs.map((d) => path.basename(d))).toEqual(['ai-agents', 'daily-report', 'etl', 'hello', 'internal-automation']);
    for (const dir of dirs) {
      const example = await loadExample(dir);
      const values = Object.fromEntries(Object.keys(example.parameters).map((name) => [name, `value-of-${name}`]));
      const instance = instantiateExample(example, values);
      expect(JSON.stringify(instance), dir).not.toMatch(/<<\w+>>/);
      await expect(import('node:fs/promises').then((fs) => fs.readFile(path.join(dir, 'README.md'), 'utf8')), dir).resolves.toContain('npm run import-example');
    }
  });
});
