import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { parseCommandLine } from './command-line.js';

const env = { WEFT_API_KEY: 'weft_env', WEFT_API_URL: 'http://weft.example.com:4000/graphql/' };
const parse = (line: string, environment: Record<string, string | undefined> = env) => parseCommandLine(line.split(' ').filter(Boolean), environment);

/** The one line a bad command line is refused with. */
const refusal = (line: string, environment?: Record<string, string | undefined>): string => {
  try {
    parse(line, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).lines).toHaveLength(1);
    return (error as UsageError).lines[0]!;
  }
  throw new Error(`"${line}" was accepted`);
};

describe('weft command line', () => {
  it('reads every command with its options', () => {
    expect(parse('start')).toEqual({ name: 'start' });
    expect(parse('start --roles worker,relay,worker')).toEqual({ name: 'start', roles: ['worker', 'relay'] });
    expect(parse('migrate')).toEqual({ name: 'migrate' });
    expect(parse('rebuild-projections')).toEqual({ name: 'rebuild-projections' });
    expect(parse('export --all --format json --out flows')).toEqual({ name: 'export', api: { url: 'http://weft.example.com:4000', key: 'weft_env' }, ids: [], all: true, format: 'json', out: 'flows' });
    expect(parse('export a b a')).toMatchObject({ ids: ['a', 'b'], all: false, format: 'yaml', out: '.' });
    expect(parse('import a.yaml b.json --publish')).toMatchObject({ name: 'import', files: ['a.yaml', 'b.json'], publish: true });
    expect(parse('run flow.yaml --input {"n":1}')).toMatchObject({ name: 'run', target: 'flow.yaml', input: { json: '{"n":1}' } });
    expect(parse('run 1b2c --input-file in.json')).toMatchObject({ target: '1b2c', input: { file: 'in.json' } });
    expect(parse('run 1b2c')).toMatchObject({ input: undefined });
  });

  it('takes the API from --api and --key before WEFT_API_URL and WEFT_API_KEY, with a default URL', () => {
    expect(parse('export x --api https://weft.example.com/base/ --key weft_flag')).toMatchObject({ api: { url: 'https://weft.example.com/base', key: 'weft_flag' } });
    expect(parse('export x', { WEFT_API_KEY: 'k' })).toMatchObject({ api: { url: 'http://localhost:4000', key: 'k' } });
  });

  it('gives help and the version', () => {
    expect(parse('')).toEqual({ name: 'help' });
    expect(parse('--help')).toEqual({ name: 'help' });
    expect(parse('help run')).toEqual({ name: 'help', topic: 'run' });
    expect(parse('import --help')).toEqual({ name: 'help', topic: 'import' });
    expect(parse('--version')).toEqual({ name: 'version' });
  });

  it('refuses each bad command line with one line naming what is wrong', () => {
    expect(refusal('deploy')).toBe('unknown command "deploy" (commands: start, migrate, rebuild-projections, export, import, run)');
    expect(refusal('--verbose run')).toBe('unknown option --verbose before the command (see weft --help)');
    expect(refusal('import a.yaml --force')).toBe('unknown option --force (see weft import --help)');
    expect(refusal('export --all --format')).toBe('--format needs a value');
    expect(refusal('export --all --format xml')).toBe('--format must be yaml or json, not "xml"');
    expect(refusal('export --all x')).toBe('give workflow ids or --all, not both');
    expect(refusal('export')).toBe('give the ids of the workflows to export, or --all');
    expect(refusal('import')).toBe('give the workflow files to import (.yaml, .yml or .json)');
    expect(refusal('run')).toBe('give a workflow file or a workflow id to run');
    expect(refusal('run a b')).toBe('give one workflow file or id, not 2');
    expect(refusal('run a --input {')).toMatch(/^--input is not JSON: /);
    expect(refusal('run a --input {} --input-file x.json')).toBe('give --input or --input-file, not both');
    expect(refusal('start --roles api,web')).toBe('--roles: unknown role "web" (roles: api, worker, relay, projector, scheduler)');
    expect(refusal('start --roles ,')).toBe('--roles needs at least one of api, worker, relay, projector, scheduler');
    expect(refusal('migrate now')).toBe('unexpected argument "now" (see weft migrate --help)');
    expect(refusal('export x', {})).toMatch(/^no API key: pass --key or set WEFT_API_KEY/);
    expect(refusal('export x --api ftp://host --key k')).toBe('--api / WEFT_API_URL must be an http(s) URL, not "ftp://host"');
    expect(refusal('export x --api nowhere --key k')).toBe('--api / WEFT_API_URL must be an http(s) URL, not "nowhere"');
  });
});
