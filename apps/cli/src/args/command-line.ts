import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Role } from '@weft/engine';
import { UsageError } from '../errors.js';
import { COMMAND_NAMES, type CommandName } from './usage.js';

export const ROLES = ['api', 'worker', 'relay', 'projector', 'scheduler'] as const satisfies readonly Role[];
export const FORMATS = ['yaml', 'json'] as const;
export type FileFormat = (typeof FORMATS)[number];

/** Where the public GraphQL API is and the API key to call it with. */
export type ApiTarget = { url: string; key: string };

export type Command =
  | { name: 'help'; topic?: CommandName }
  | { name: 'version' }
  | { name: 'start'; roles?: Role[] }
  | { name: 'migrate' }
  | { name: 'rebuild-projections' }
  | { name: 'export'; api: ApiTarget; ids: string[]; all: boolean; format: FileFormat; out: string }
  | { name: 'import'; api: ApiTarget; files: string[]; publish: boolean }
  | { name: 'run'; api: ApiTarget; target: string; input: { json: string } | { file: string } | undefined };

type Options = NonNullable<ParseArgsConfig['options']>;

const API_OPTIONS = { api: { type: 'string' }, key: { type: 'string' } } as const satisfies Options;
const OPTIONS = {
  start: { roles: { type: 'string' } },
  migrate: {},
  'rebuild-projections': {},
  export: { ...API_OPTIONS, all: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
  import: { ...API_OPTIONS, publish: { type: 'boolean' } },
  run: { ...API_OPTIONS, input: { type: 'string' }, 'input-file': { type: 'string' } },
} as const satisfies Record<CommandName, Options>;

export const DEFAULT_API_URL = 'http://localhost:4000';

/**
 * Reads `weft <command> [options] [arguments]`; `env` supplies WEFT_API_URL and
 * WEFT_API_KEY. Pure.
 * @throws UsageError naming the first bad argument.
 */
export function parseCommandLine(argv: readonly string[], env: Record<string, string | undefined>): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !isCommandName(topic)) throw new UsageError(`unknown command "${topic}" (commands: ${COMMAND_NAMES.join(', ')})`);
    return topic ? { name: 'help', topic } : { name: 'help' };
  }
  if (first === '--version' || first === '-v') return { name: 'version' };
  if (!isCommandName(first)) throw new UsageError(first.startsWith('-') ? `unknown option ${first} before the command (see weft --help)` : `unknown command "${first}" (commands: ${COMMAND_NAMES.join(', ')})`);
  if (rest.includes('--help') || rest.includes('-h')) return { name: 'help', topic: first };
  const { values, positionals } = readArgs(first, rest);
  const string = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const none = () => {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see weft ${first} --help)`);
  };
  switch (first) {
    case 'start': {
      none();
      const roles = string('roles');
      return roles === undefined ? { name: 'start' } : { name: 'start', roles: parseRoles(roles) };
    }
    case 'migrate':
    case 'rebuild-projections':
      none();
      return { name: first };
    case 'export': {
      const all = values.all === true;
      if (all && positionals.length) throw new UsageError('give workflow ids or --all, not both');
      if (!all && !positionals.length) throw new UsageError('give the ids of the workflows to export, or --all');
      const out = string('out') ?? '.';
      if (!out) throw new UsageError('--out needs a folder');
      return { name: 'export', api: apiTarget(values, env), ids: [...new Set(positionals)], all, format: parseFormat(string('format')), out };
    }
    case 'import':
      if (!positionals.length) throw new UsageError('give the workflow files to import (.yaml, .yml or .json)');
      return { name: 'import', api: apiTarget(values, env), files: positionals, publish: values.publish === true };
    case 'run': {
      if (positionals.length !== 1) throw new UsageError(positionals.length ? `give one workflow file or id, not ${positionals.length}` : 'give a workflow file or a workflow id to run');
      const json = string('input');
      const file = string('input-file');
      if (json !== undefined && file !== undefined) throw new UsageError('give --input or --input-file, not both');
      if (json !== undefined) checkJson('--input', json);
      return { name: 'run', api: apiTarget(values, env), target: positionals[0]!, input: json !== undefined ? { json } : file !== undefined ? { file } : undefined };
    }
  }
}

function isCommandName(name: string | undefined): name is CommandName {
  return (COMMAND_NAMES as readonly (string | undefined)[]).includes(name);
}

function readArgs(command: CommandName, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: OPTIONS[command], allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(describeParseError(command, error));
  }
}

/** node:util's parseArgs messages are long and generic: one line naming the option instead. */
function describeParseError(command: CommandName, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option} (see weft ${command} --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
  return message;
}

function parseRoles(list: string): Role[] {
  const roles = list.split(',').map((r) => r.trim()).filter(Boolean);
  if (!roles.length) throw new UsageError(`--roles needs at least one of ${ROLES.join(', ')}`);
  const unknown = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown) throw new UsageError(`--roles: unknown role "${unknown}" (roles: ${ROLES.join(', ')})`);
  return [...new Set(roles)] as Role[];
}

function parseFormat(format: string | undefined): FileFormat {
  if (format === undefined) return 'yaml';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be yaml or json, not "${format}"`);
  return format as FileFormat;
}

function checkJson(option: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${option} is not JSON: ${(error as Error).message}`);
  }
}

/** `--api` / WEFT_API_URL (the API's origin, or its /graphql URL) and `--key` / WEFT_API_KEY. */
function apiTarget(values: Record<string, string | boolean | undefined>, env: Record<string, string | undefined>): ApiTarget {
  const given = (typeof values.api === 'string' ? values.api : undefined) || env.WEFT_API_URL || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`--api / WEFT_API_URL must be an http(s) URL, not "${given}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api / WEFT_API_URL must be an http(s) URL, not "${given}"`);
  const key = (typeof values.key === 'string' ? values.key : undefined) || env.WEFT_API_KEY;
  if (!key) throw new UsageError('no API key: pass --key or set WEFT_API_KEY (an admin key of the workspace; create one with the createApiKey mutation)');
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '')}`, key };
}
