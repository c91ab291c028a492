export const COMMAND_NAMES = ['start', 'migrate', 'rebuild-projections', 'export', 'import', 'run'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const API = `
API options (export, import, run):
  --api <url>    the Weft API (WEFT_API_URL; default http://localhost:4000)
  --key <key>    an API key of the workspace, weft_… (WEFT_API_KEY); import needs an admin key`;

const HELP: Record<CommandName, string> = {
  start: `weft start [--roles api,worker,relay,projector,scheduler]

Runs the chosen roles in this process until SIGTERM or Ctrl-C: with api, the GraphQL API on
PORT plus the other roles listed; without, the background roles only. Default: WEFT_ROLES,
else all five. Settings come from the environment (DATABASE_URL, REDIS_URL, …).`,
  migrate: `weft migrate

Creates the database of DATABASE_URL if needed and applies the pending migrations.`,
  'rebuild-projections': `weft rebuild-projections

Drops the read models and rebuilds them from the event store (DATABASE_URL, REDIS_URL,
WEFT_REDIS_PREFIX). Safe while Weft runs.`,
  export: `weft export (<workflowId>… | --all) [--format yaml|json] [--out <dir>]

Writes each workflow to <dir>/<slug of its name>.yaml (or .json): its id, name, description,
settings, triggers (never their secrets) and draft graph, in a stable order. --out defaults
to the current folder.
${API}`,
  import: `weft import <file>… [--publish]

Creates each file's workflow, or replaces its draft when the file's id is a workflow of the
workspace. With --publish, also publishes it and sets its triggers (when the file lists
them). Every file is checked before anything changes: a bad one exits with code 2.
${API}`,
  run: `weft run (<file> | <workflowId>) [--input <json> | --input-file <file>]

Starts a run of the workflow's latest published version and shows it live; a file is
imported and published first (its triggers are not set). Exit code 0 when the run
succeeded, 1 when it failed or was cancelled.
${API}`,
};

export function usage(topic?: CommandName): string {
  if (topic) return `${HELP[topic]}\n`;
  return `weft: the Weft command line

  weft start [--roles …]            run roles (api, worker, relay, projector, scheduler)
  weft migrate                      apply database migrations
  weft rebuild-projections          rebuild the read models from the event store
  weft export (<id>… | --all)       write workflows as YAML or JSON files
  weft import <file>… [--publish]   create or update workflows from files
  weft run (<file> | <id>)          start a run and watch it live

weft <command> --help shows a command's options. Exit codes: 0 done, 1 failed (a run, the
API, a service), 2 bad arguments or input (nothing changed).
`;
}
