import { describe, expect, it } from 'vitest';
import { createLogger, LOG_REDACTED } from './logger.js';

const capture = () => {
  const lines: string[] = [];
  return { lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), destination: { write: (line: string) => void lines.push(line) } };
};

describe('createLogger', () => {
  it('writes one JSON line per entry: level as a word, ISO time, bindings, data and msg', () => {
    const out = capture();
    createLogger({ service: 'weft' }, { destination: out.destination }).info('api listening', { url: 'http://localhost:4000/graphql' });
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/\n$/);
    expect(out.lines[0]).toContain('"msg":"api listening"');
    const [entry] = out.entries();
    expect(entry).toMatchObject({ level: 'info', service: 'weft', url: 'http://localhost:4000/graphql', msg: 'api listening', pid: process.pid });
    expect(new Date(entry!.time as string).toISOString()).toBe(entry!.time);
  });

  it('carries the bindings of every child down to each entry', () => {
    const out = capture();
    const worker = createLogger({ service: 'weft' }, { destination: out.destination }).child({ role: 'worker' });
    worker.child({ workspaceId: 'ws', runId: 'r', nodeId: 'n', attempt: 2 }).warn('slow', { ms: 12 });
    expect(out.entries()[0]).toMatchObject({ level: 'warn', service: 'weft', role: 'worker', workspaceId: 'ws', runId: 'r', nodeId: 'n', attempt: 2, ms: 12, msg: 'slow' });
  });

  it('drops entries below its level, and writes nothing when silent', () => {
    const out = capture();
    const logger = createLogger({}, { level: 'warn', destination: out.destination });
    logger.info('quiet');
    logger.error('loud');
    expect(out.entries().map((e) => [e.level, e.msg])).toEqual([['error', 'loud']]);
    const silent = capture();
    createLogger({}, { silent: true, destination: silent.destination }).child({ a: 1 }).error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('never writes the value of a secret-looking key, at the top level or one level down', () => {
    const out = capture();
    createLogger({}, { destination: out.destination }).info('request', { password: 'hunter2', headers: { authorization: 'Bearer s3cr3t', accept: 'json' }, token: 'abc' });
    expect(out.lines[0]).not.toMatch(/hunter2|s3cr3t|"abc"/);
    expect(out.entries()[0]).toMatchObject({ password: LOG_REDACTED, token: LOG_REDACTED, headers: { authorization: LOG_REDACTED, accept: 'json' } });
  });
});
