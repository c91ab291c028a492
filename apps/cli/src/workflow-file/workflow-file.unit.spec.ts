import { describe, expect, it } from 'vitest';
import { fileNamesFor, formatFileText, parseFileText, slugOf } from './file-text.js';
import { definitionFromFile, fileFromWorkflow } from './workflow-file.js';

/** A workflow as the API answers it: keys in any order (JSONB reorders them), defaults filled in. */
const fromApi = {
  triggers: [{ input: { period: 'day' }, paused: false, misfire: 'fire_once', timezone: 'Europe/Paris', cron: '0 9 * * 1-5', kind: 'schedule', id: 'daily' }, { signed: true, kind: 'webhook', id: 'hook' }],
  id: '6b258d19-3de0-404d-ac5e-b15096559bf9',
  name: 'Size check',
  description: 'Doubles n, then says whether it is big.',
  draft: {
    settings: { timeoutMs: 60000 },
    edges: [{ target: 'check', source: 'prepare', id: 'e1' }, { sourceHandle: 'true', target: 'big', source: 'check', id: 'e2' }],
    nodes: [
      { config: { values: { doubled: '{{ n * 2 }}' } }, type: 'set', id: 'prepare', position: { y: 0, x: 10 } },
      { retry: { maxAttempts: 3, jitter: 0.2, backoff: 'exponential', maxIntervalMs: 60000, initialIntervalMs: 1000 }, config: { condition: '{{ n > 50 }}' }, type: 'if', name: 'Is it big?', id: 'check' },
      { config: { source: 'const a = 1;\nreturn { a };\n' }, type: 'code', id: 'big' },
    ],
  },
};

const EXPECTED_YAML = `format: weft-workflow/1
id: 6b258d19-3de0-404d-ac5e-b15096559bf9
name: Size check
description: Doubles n, then says whether it is big.
settings:
  timeoutMs: 60000
triggers:
  - id: daily
    kind: schedule
    cron: 0 9 * * 1-5
    timezone: Europe/Paris
    misfire: fire_once
    paused: false
    input:
      period: day
  - id: hook
    kind: webhook
    signed: true
nodes:
  - id: prepare
    type: set
    position:
      x: 10
      y: 0
    config:
      values:
        doubled: "{{ n * 2 }}"
  - id: check
    type: if
    name: Is it big?
    retry:
      backoff: exponential
      initialIntervalMs: 1000
      jitter: 0.2
      maxAttempts: 3
      maxIntervalMs: 60000
    config:
      condition: "{{ n > 50 }}"
  - id: big
    type: code
    config:
      source: |
        const a = 1;
        return { a };
edges:
  - id: e1
    source: prepare
    target: check
  - id: e2
    source: check
    sourceHandle: "true"
    target: big
`;

describe('workflow files', () => {
  it('write a workflow in a stable order: identity, settings and triggers first, the graph last, free-form objects sorted', () => {
    expect(formatFileText(fileFromWorkflow(fromApi), 'yaml')).toBe(EXPECTED_YAML);
  });

  it('write the same file whatever order the API gives keys in', () => {
    const reordered = JSON.parse(JSON.stringify(fromApi, (_key, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value))) as typeof fromApi;
    expect(formatFileText(fileFromWorkflow(reordered), 'yaml')).toBe(EXPECTED_YAML);
    expect(formatFileText(fileFromWorkflow(reordered), 'json')).toBe(formatFileText(fileFromWorkflow(fromApi), 'json'));
  });

  it('read back as the GraphQL inputs they came from, in YAML and in JSON alike', () => {
    const expected = {
      id: fromApi.id,
      name: fromApi.name,
      description: fromApi.description,
      graph: fromApi.draft,
      triggers: fromApi.triggers,
    };
    for (const format of ['yaml', 'json'] as const) {
      const { definition, problems } = definitionFromFile(parseFileText(formatFileText(fileFromWorkflow(fromApi), format), format));
      expect(problems).toEqual([]);
      expect(definition).toEqual(expected);
    }
  });

  it('may leave out the format, id, description, settings and triggers (left unchanged on update)', () => {
    expect(definitionFromFile({ name: ' Hello ', nodes: [{ id: 'a', type: 'set' }] })).toEqual({ definition: { name: 'Hello', graph: { nodes: [{ id: 'a', type: 'set' }], edges: [] } }, problems: [] });
  });

  it('refuse a bad shape, naming each problem', () => {
    expect(definitionFromFile([1])).toEqual({ problems: ['must be a mapping (YAML) or an object (JSON) with a name, nodes and edges'] });
    expect(
      definitionFromFile({
        format: 'weft-workflow/2',
        id: 7,
        nodes: [{ id: 'a', type: 'set', confg: {} }, 'x'],
        edges: { id: 'e' },
        triggers: {},
        settings: [],
        colour: 'red',
      }).problems,
    ).toEqual([
      'colour: unknown key (keys: format, id, name, description, settings, triggers, nodes, edges)',
      'format: must be "weft-workflow/1", not "weft-workflow/2"',
      'id: must be the id of a workflow (a string), or left out',
      'name: is required: a non-empty string',
      'settings: must be a mapping such as { timeoutMs: 60000 }',
      'triggers: must be a list',
      'nodes[0].confg (node "a"): unknown key (keys: id, type, name, position, timeoutMs, retry, config)',
      'edges: must be a list',
    ]);
  });

  it('name a bad YAML or JSON text by line', () => {
    expect(() => parseFileText('name: a\nname: b\n', 'yaml')).toThrow('not valid YAML (line 2, column 1): Map keys must be unique');
    expect(() => parseFileText('{"name": ', 'json')).toThrow(/^not valid JSON: /);
  });

  it('are named by the slug of the workflow name, with the start of the id when names collide', () => {
    expect(slugOf('Daily report: Crème brûlée (v2)!')).toBe('daily-report-creme-brulee-v2');
    expect(slugOf('***')).toBe('workflow');
    expect(slugOf('x'.repeat(59) + ' y')).toBe('x'.repeat(59));
    const names = fileNamesFor([{ id: 'aaaaaaaa-1', name: 'ETL' }, { id: 'bbbbbbbb-2', name: 'etl' }, { id: 'c', name: 'Other' }], 'yaml');
    expect([...names.values()]).toEqual(['etl-aaaaaaaa.yaml', 'etl-bbbbbbbb.yaml', 'other.yaml']);
  });
});
