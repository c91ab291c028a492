import { describe, expect, it } from 'vitest';
import { ExampleError } from './example-errors.js';
import { exampleFileSchema } from './example-file.js';
import { instantiateExample } from './instantiate-example.js';

const example = exampleFileSchema.parse({
  name: 'Report',
  description: 'Fetches and mails',
  parameters: { apiUrl: { description: 'the API', default: 'http://localhost:9000' }, credentialId: { description: 'an smtp credential' } },
  graph: { nodes: [{ id: 'fetch', type: 'http', config: { url: '<<apiUrl>>/sales?day={{ $trigger.day }}', code: 'x << 2' } }, { id: 'mail', type: 'email', config: { credentialId: '<<credentialId>>', to: ['a@example.com'] } }], edges: [] },
  triggers: [{ id: 'daily', kind: 'schedule', cron: '0 7 * * *', input: { note: 'via <<apiUrl>>' } }],
});

describe('instantiateExample', () => {
  it('fills every placeholder with the given value or the default, leaving expressions and other text alone', () => {
    const instance = instantiateExample(example, { credentialId: 'cred-1' });
    expect(instance.graph).toEqual({
      nodes: [
        { id: 'fetch', type: 'http', config: { url: 'http://localhost:9000/sales?day={{ $trigger.day }}', code: 'x << 2' } },
        { id: 'mail', type: 'email', config: { credentialId: 'cred-1', to: ['a@example.com'] } },
      ],
      edges: [],
    });
    expect(instance.triggers).toEqual([{ id: 'daily', kind: 'schedule', cron: '0 7 * * *', input: { note: 'via http://localhost:9000' } }]);
    const graph = instantiateExample(example, { credentialId: 'c', apiUrl: 'https://api.example.com' }).graph as { nodes: { config: { url?: string } }[] };
    expect(graph.nodes[0]!.config.url).toBe('https://api.example.com/sales?day={{ $trigger.day }}');
  });

  it('keeps a required parameter without a value as its placeholder when asked for a draft, still filling the others', () => {
    const graph = instantiateExample(example, {}, { keepMissing: true }).graph as { nodes: { config: Record<string, unknown> }[] };
    expect(graph.nodes[0]!.config.url).toBe('http://localhost:9000/sales?day={{ $trigger.day }}');
    expect(graph.nodes[1]!.config.credentialId).toBe('<<credentialId>>');
    expect(() => instantiateExample(example, { nope: 'x' }, { keepMissing: true })).toThrow(ExampleError);
  });

  it('refuses a missing required parameter, naming it and saying what it is', () => {
    expect(() => instantiateExample(example, {})).toThrow(new ExampleError('Report: missing "credentialId" (an smtp credential)'));
  });

  it('refuses a value for a parameter the example does not have, listing the ones it has', () => {
    expect(() => instantiateExample(example, { credentialId: 'c', apiurl: 'x' })).toThrow('Report: no parameter "apiurl" (it has: apiUrl, credentialId)');
  });

  it('refuses a placeholder naming an undeclared parameter, with its path', () => {
    const broken = exampleFileSchema.parse({ ...example, graph: { nodes: [{ id: 'a', type: 'set', config: { values: { x: '<<missing>>' } } }], edges: [] } });
    expect(() => instantiateExample(broken, { credentialId: 'c' })).toThrow('Report: graph.nodes[0].config.values.x uses <<missing>>, which is not a declared parameter');
  });
});
