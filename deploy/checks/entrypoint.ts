// ---------------------------------------------------------------------------
// Entrypoint (deploy/docker/entrypoint.sh)
import { exists, readText } from './common.js';

export type Entrypoint = { file: string; text: string; workdir: string | undefined; commands: string[] };

export const readEntrypoint = (file: string): Entrypoint => parseEntrypoint(file, readText(file));

/** Comment lines dropped: what the script runs, not what it says. */
export const code = (text: string) =>
  text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');

export function parseEntrypoint(file: string, text: string): Entrypoint {
  const caseBlock = /case "\$program" in([\s\S]*?)\besac\b/.exec(text)?.[1] ?? '';
  const commands = [...caseBlock.matchAll(/^\s*([a-z|*-]+)\)/gm)].flatMap((m) => m[1]!.split('|')).filter((c) => c !== '*');
  return { file, text, workdir: /^cd (\S+)$/m.exec(text)?.[1], commands };
}

/** The branch of the entrypoint's `case` that runs `command`. */
function entrypointBranch(entrypoint: Entrypoint, command: string): string | undefined {
  const caseBlock = /case "\$program" in([\s\S]*?)\besac\b/.exec(entrypoint.text)?.[1] ?? '';
  const branches = caseBlock.split(/;;/);
  return branches.find((branch) => new RegExp(`^\\s*(?:[a-z-]+\\|)*${command}(?:\\|[a-z-]+)*\\)`, 'm').test(branch));
}

/** The program a container runs, from its first argument or (none) WEFT_ROLES, as the entrypoint decides. */
export function programOf(args: readonly string[], env: Record<string, string | undefined>): string {
  if (args[0]) return args[0];
  const roles = (env.WEFT_ROLES || 'api').replace(/ /g, '').split(',');
  return roles.includes('api') ? 'api' : 'worker';
}

/** Checks the entrypoint script: every command execs, and every file it starts is one the build produces. */
export function checkEntrypoint(entrypoint: Entrypoint): string[] {
  const problems: string[] = [];
  const where = entrypoint.file;
  for (const needed of ['api', 'worker', 'web', 'migrate']) {
    if (!entrypoint.commands.includes(needed)) problems.push(`${where}: no "${needed}" command`);
  }
  for (const command of entrypoint.commands) {
    const branch = entrypointBranch(entrypoint, command) ?? '';
    if (!/\bexec node\b/.test(branch)) problems.push(`${where}: "${command}" does not exec node (the program would not receive SIGTERM)`);
  }
  // `cd <dir>` then paths relative to the repository root, as laid out in the image.
  if (!entrypoint.workdir) problems.push(`${where}: no "cd <dir>" to the application directory`);
  const buildScript = readText('scripts/build.mjs');
  const buildsSrcToDist = buildScript.includes("'src', '-d', 'dist'") && buildScript.includes('--strip-leading-paths');
  for (const [, file] of code(entrypoint.text).matchAll(/\b((?:apps|libs|scripts|node_modules)\/[\w@./-]+)/g)) {
    problems.push(...checkStartedFile(file!, where, buildsSrcToDist));
  }
  if (entrypoint.text.includes('node-flags.json')) {
    const flags: unknown = JSON.parse(readText('scripts/node-flags.json'));
    if (!Array.isArray(flags) || !flags.every((flag) => typeof flag === 'string' && flag.startsWith('--'))) problems.push('scripts/node-flags.json: not a list of --flags');
  }
  return problems;
}

/** A file the entrypoint starts: it exists in the repository, or is what scripts/build.mjs or npm writes. */
function checkStartedFile(file: string, where: string, buildsSrcToDist: boolean): string[] {
  const dist = /^(apps|libs)\/([\w-]+)\/dist\/(.+)\.js$/.exec(file);
  if (dist) {
    const [, group, name, rest] = dist;
    const source = `${group}/${name}/src/${rest}.ts`;
    if (!buildsSrcToDist) return [`${where}: starts ${file}, but scripts/build.mjs no longer compiles src/ to dist/`];
    if (name === 'web') return [`${where}: starts ${file}, but scripts/build.mjs skips apps/web`];
    return exists(source) ? [] : [`${where}: starts ${file}, but ${source} (which scripts/build.mjs compiles to it) does not exist`];
  }
  if (file.startsWith('node_modules/')) {
    if (!exists(file)) return [`${where}: starts ${file}, which npm ci does not install`];
    const pkg = file.split('/')[1]!;
    const web = JSON.parse(readText('apps/web/package.json')) as { dependencies?: Record<string, string> };
    if (pkg === 'next' && !web.dependencies?.next) return [`${where}: next is not a production dependency of apps/web (npm prune --omit=dev removes it)`];
    return [];
  }
  if (file.startsWith('apps/') && !file.includes('.')) {
    return exists(file) ? [] : [`${where}: names ${file}, which does not exist`];
  }
  if (!exists(file)) return [`${where}: starts ${file}, which does not exist`];
  const problems: string[] = [];
  if (file.endsWith('.mjs')) {
    // A script that imports the build output: that output must come from an existing source.
    for (const [, lib, rest] of readText(file).matchAll(/['"]\.\.\/libs\/([\w-]+)\/dist\/([\w/.-]+)\.js['"]/g)) {
      const source = `libs/${lib}/src/${rest}.ts`;
      if (!exists(source)) problems.push(`${file}: imports libs/${lib}/dist/${rest}.js, but ${source} does not exist`);
    }
  }
  return problems;
}
