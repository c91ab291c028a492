import { describe, expect, it } from 'vitest';
import { allCompletions, applyCompletion, completionsAt, openExpressionAt, pathSegment, upstreamOf, type CompletionSources } from './completions';

const edges = [
  { source: 'a', target: 'b' },
  { source: 'b', target: 'c' },
  { source: 'x', target: 'c' },
  { source: 'c', target: 'd' },
];
const sources: CompletionSources = { trigger: { name: 'Ada', address: { city: 'London' } }, upstream: [{ id: 'b', output: { greeting: 'hi' } }, { id: 'my-node' }] };
const labels = (text: string, cursor = text.length) => completionsAt(text, cursor, sources)?.items.map((i) => i.label);

describe('expression completions', () => {
  it('finds every ancestor of a node, nearest first, and not its descendants', () => {
    expect(upstreamOf('c', edges)).toEqual(['b', 'x', 'a']);
    expect(upstreamOf('a', edges)).toEqual([]);
    expect(upstreamOf('d', [...edges, { source: 'd', target: 'a' }])).toEqual(['c', 'b', 'x', 'a']);
  });

  it('is only active inside an unclosed {{', () => {
    expect(openExpressionAt('hello', 5)).toBeUndefined();
    expect(openExpressionAt('hi {{ $tr', 9)).toBe(5);
    expect(openExpressionAt('{{ a }} b', 9)).toBeUndefined();
    expect(openExpressionAt('{{ a }} {{ ', 11)).toBe(10);
    expect(openExpressionAt('{{ $x }}', 5)).toBe(2);
  });

  it('offers the trigger keys, upstream nodes and their output fields, and $run', () => {
    expect(allCompletions(sources).map((c) => c.label)).toEqual([
      '$trigger',
      '$trigger.name',
      '$trigger.address',
      '$trigger.address.city',
      '$nodes.b',
      '$nodes.b.greeting',
      '$nodes.`my-node`',
      '$run.runId',
      '$run.workflowId',
      '$run.nodeId',
      '$run.attempt',
      '$input',
    ]);
    expect(pathSegment('ok_1')).toBe('.ok_1');
  });

  it('filters by the word being typed, and shows the top level right after {{', () => {
    expect(labels('{{ $no')).toEqual(['$nodes.b', '$nodes.b.greeting', '$nodes.`my-node`']);
    expect(labels('{{ $trigger.a')).toEqual(['$trigger.address', '$trigger.address.city']);
    expect(labels('{{ ')).toEqual(['$trigger', '$trigger.name', '$trigger.address', '$nodes.b', '$nodes.`my-node`', '$run.runId', '$run.workflowId', '$run.nodeId', '$run.attempt', '$input']);
    expect(labels('{{ $zzz')).toBeUndefined();
    expect(labels('plain $no')).toBeUndefined();
  });

  it('replaces the typed word with the chosen label, also in the middle of a template', () => {
    const text = 'Hi {{ $no }}!';
    const result = completionsAt(text, 9, sources)!;
    expect(result).toMatchObject({ from: 6, to: 9 });
    expect(applyCompletion(text, result, '$nodes.b')).toEqual({ text: 'Hi {{ $nodes.b }}!', cursor: 14 });
    const mid = completionsAt('{{ $nod + 1 }}', 5, sources)!;
    expect(applyCompletion('{{ $nod + 1 }}', mid, '$nodes.b').text).toBe('{{ $nodes.b + 1 }}');
  });
});
