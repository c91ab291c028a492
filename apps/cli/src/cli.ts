import { readFileSync } from 'node:fs';
import { ConfigError, StartupError } from '@weft/engine';
import { parseCommandLine, type Command } from './args/command-line.js';
import { COMMAND_NAMES, usage } from './args/usage.js';
import { createGraphqlCall } from './api/graphql-client.js';
import { exportWorkflows } from './commands/export.js';
import { importWorkflows } from './commands/import.js';
import { migrate } from './commands/migrate.js';
import { rebuildProjections } from './commands/rebuild-projections.js';
import { runWorkflow } from './commands/run.js';
import { start } from './commands/start.js';
import { ApiError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { loadDefinitionChecks } from './workflow-file/load-checks.js';

/** What the process does once a command returns: exit with a code, or keep running (`start`). */
export type Outcome = { exitCode: number } | 'running';

const version = (): string => (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function execute(command: Command, io: Io): Promise<Outcome> {
  const checks = () => loadDefinitionChecks(io.env, io.cwd);
  switch (command.name) {
    case 'help':
      io.out(usage(command.topic));
      return { exitCode: 0 };
    case 'version':
      io.out(`weft ${version()}\n`);
      return { exitCode: 0 };
    case 'start':
      await start(command.roles, io.env);
      return 'running';
    case 'migrate':
      await migrate(io);
      return { exitCode: 0 };
    case 'rebuild-projections':
      await rebuildProjections(io);
      return { exitCode: 0 };
    case 'export':
      await exportWorkflows(createGraphqlCall(command.api), command, io);
      return { exitCode: 0 };
    case 'import':
      await importWorkflows(createGraphqlCall(command.api), command.files, { publish: command.publish, setTriggers: true }, await checks(), io);
      return { exitCode: 0 };
    case 'run': {
      const ended = await runWorkflow(createGraphqlCall(command.api), command.api, command, checks, io);
      return { exitCode: ended.status === 'succeeded' ? 0 : 1 };
    }
  }
}

/**
 * Runs `weft <argv>`. Every refusal is printed to stderr as `weft <command>: <what is
 * wrong>` lines; exit code 2 for bad arguments, files, settings or ids (nothing changed),
 * 1 for a failed run, an API or service failure, or a bug (printed with its stack).
 */
export async function runCli(argv: readonly string[], io: Io): Promise<Outcome> {
  const name = COMMAND_NAMES.find((command) => command === argv[0]);
  const fail = (exitCode: number, lines: string[]): Outcome => {
    io.err(lines.map((line) => `weft${name ? ` ${name}` : ''}: ${line}\n`).join(''));
    return { exitCode };
  };
  try {
    return await execute(parseCommandLine(argv, io.env), io);
  } catch (error) {
    if (error instanceof UsageError) return fail(2, error.lines);
    if (error instanceof ApiError) return fail(error.exitCode, [error.message]);
    if (error instanceof ConfigError) return fail(2, [error.message]);
    if (error instanceof StartupError) return fail(1, [error.message]);
    return fail(1, [error instanceof Error ? (error.stack ?? error.message) : String(error)]);
  }
}
