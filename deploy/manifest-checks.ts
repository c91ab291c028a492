/**
 * Static checks of the files that run Weft in containers: ./Dockerfile (with
 * .dockerignore and deploy/docker/entrypoint.sh), docker-compose.yml (and the
 * development deploy/compose/services.yml) and deploy/kubernetes. None of them
 * can be run here (no Docker engine, no cluster), so these checks read them and
 * hold them against the repository: what is copied exists, what is started is
 * what the build writes, every reference points at something declared, and the
 * settings each container gets are accepted by Weft's own `loadConfig`.
 *
 * Each check returns the problems it found, one sentence each (empty when all
 * is well); deploy.unit.spec.ts asserts there are none, and breaks copies to
 * show that every check can fail.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job, type IJob } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import { loadConfig, type WeftConfig } from '../libs/engine/src/config/weft-config.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const KUBERNETES_DIR = 'deploy/kubernetes';
export const COMPOSE_FILE = 'docker-compose.yml';
export const DEV_COMPOSE_FILE = 'deploy/compose/services.yml';
export const COMPOSE_ENV_EXAMPLE = 'deploy/compose/env.example';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const readText = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const exists = (file: string) => existsSync(path.join(repoRoot, file));

/** A valid stand-in for each secret (the repository holds none), so that `loadConfig` can judge the rest. */
export const PLACEHOLDER_SECRETS: Readonly<Record<string, string>> = {
  WEFT_AUTH_SECRET: 'placeholder-auth-secret-for-static-checks-only',
  WEFT_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
};

/** Every role Weft knows: `loadConfig` defaults WEFT_ROLES to all of them. */
export const allRoles = (): string[] => loadConfig({}).roles;

/** The programs a container can run: api (apps/api) or worker (apps/worker, the background roles). */
type Program = 'api' | 'worker';
const programRoles = (program: Program, config: WeftConfig): string[] => (program === 'api' ? [...new Set(['api', ...config.roles])] : config.roles.filter((r) => r !== 'api'));

/** `KEY=value` lines (comments and blank lines skipped), as kustomize and Compose read them. */
export function readEnvFile(file: string): Record<string, string> {
  const entries = readText(file)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
  return Object.fromEntries(entries) as Record<string, string>;
}

// ---------------------------------------------------------------------------
// Entrypoint (deploy/docker/entrypoint.sh)

export type Entrypoint = { file: string; text: string; workdir: string | undefined; commands: string[] };

export const readEntrypoint = (file: string): Entrypoint => parseEntrypoint(file, readText(file));

/** Comment lines dropped: what the script runs, not what it says. */
const code = (text: string) =>
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

// ---------------------------------------------------------------------------
// Dockerfile and .dockerignore

export type Instruction = { keyword: string; args: string; line: number };
export type Stage = { name: string | undefined; image: string; instructions: Instruction[] };
export type Dockerfile = { file: string; globalArgs: Record<string, string>; stages: Stage[] };

/** Parses a Dockerfile: comments dropped, continuation lines joined, instructions grouped by stage. */
export function parseDockerfile(file: string, text = readText(file)): Dockerfile {
  const instructions: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line) || (!pending && !line.trim())) return;
    if (!pending) start = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    const [, keyword = '', args = ''] = /^(\S+)\s*([\s\S]*)$/.exec(full) ?? [];
    instructions.push({ keyword: keyword.toUpperCase(), args: args.trim(), line: start });
  });
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        const [name = '', value = ''] = instruction.args.split('=');
        globalArgs[name] = value;
      }
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { file, globalArgs, stages };
}

const substitute = (text: string, args: Record<string, string>) => text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a?: string, b?: string) => args[(a ?? b)!] ?? '');

/** COPY/ADD: flags, sources and destination (shell or JSON form). */
export function parseCopy(args: string): { flags: Record<string, string>; sources: string[]; dest: string } {
  const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [name = '', value = ''] = words.shift()!.slice(2).split('=');
    flags[name] = value;
  }
  const dest = words.pop() ?? '';
  return { flags, sources: words, dest };
}

/** Docker's .dockerignore rules: last match wins, `!` re-includes, `**` spans folders, a match on a folder covers its contents. */
export function dockerignore(text: string): (file: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = path.posix.normalize((negate ? line.slice(1) : line).replace(/^\/+/, '')).replace(/\/+$/, '');
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i]!;
        if (c === '*' && pattern[i + 1] === '*') {
          source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
          i += pattern[i + 2] === '/' ? 2 : 1;
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (file: string) => {
    const parts = path.posix.normalize(file).replace(/^\.\//, '').split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.negate;
    return ignored;
  };
}

/** The workspace folders of the root package.json (globs like libs/* expanded). */
export function workspaceFolders(): string[] {
  const pkg = JSON.parse(readText('package.json')) as { workspaces?: string[] };
  return (pkg.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(path.join(repoRoot, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => exists(`${dir}/package.json`));
  });
}

/** Files the build reads from the context besides what RUN lines name: if .dockerignore dropped one, the image would break. */
const BUILD_INPUTS = ['package.json', 'package-lock.json', '.swcrc', 'prisma.config.ts', 'prisma/schema.prisma', 'prisma/migrations', 'scripts/node-flags.json', 'apps/web/next.config.ts', 'apps/web/tsconfig.json', 'apps/web/postcss.config.mjs'];

export type DockerContext = { dockerfile: Dockerfile; ignore: (file: string) => boolean; entrypoint: Entrypoint | undefined };

export function loadDockerContext(file = 'Dockerfile'): DockerContext {
  const dockerfile = parseDockerfile(file);
  const ignore = dockerignore(exists('.dockerignore') ? readText('.dockerignore') : '');
  const final = dockerfile.stages.at(-1);
  const entrypointFile = final ? entrypointSource(final) : undefined;
  return { dockerfile, ignore, entrypoint: entrypointFile && exists(entrypointFile) ? readEntrypoint(entrypointFile) : undefined };
}

/** The repository file COPY'd to where the final stage's ENTRYPOINT points. */
function entrypointSource(stage: Stage): string | undefined {
  const entry = stage.instructions.findLast((i) => i.keyword === 'ENTRYPOINT');
  if (!entry?.args.startsWith('[')) return undefined;
  const [program] = JSON.parse(entry.args) as string[];
  if (!program) return undefined;
  for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY').map((i) => parseCopy(i.args))) {
    if (copy.flags.from || copy.sources.length !== 1) continue;
    const dest = copy.dest.endsWith('/') ? path.posix.join(copy.dest, path.posix.basename(copy.sources[0]!)) : copy.dest;
    if (dest === program || (!program.includes('/') && dest === `/usr/local/bin/${program}`)) return copy.sources[0];
  }
  return undefined;
}

export function checkDockerfile({ dockerfile, ignore, entrypoint }: DockerContext): string[] {
  const problems: string[] = [];
  const where = (i: Instruction) => `${dockerfile.file}:${i.line}`;
  const stageNames = new Set<string>();
  const engines = (JSON.parse(readText('package.json')) as { engines?: { node?: string } }).engines?.node ?? '';
  const wantedMajor = Number(/(\d+)/.exec(engines)?.[1] ?? 0);

  dockerfile.stages.forEach((stage, index) => {
    const image = substitute(stage.image, dockerfile.globalArgs);
    const previous = stageNames.has(image);
    if (!previous) {
      const node = /^node:(\d+)-bookworm-slim$/.exec(image);
      if (!node) problems.push(`${dockerfile.file}: stage ${stage.name ?? index} is FROM ${image || stage.image}, not node:<major>-bookworm-slim`);
      else if (Number(node[1]) < wantedMajor) problems.push(`${dockerfile.file}: ${image} is older than package.json's engines (${engines})`);
    }
    const args: Record<string, string> = { ...dockerfile.globalArgs };
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'ARG') {
        const [name = '', value] = instruction.args.split('=');
        if (value !== undefined) args[name] = value;
      }
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const copy = parseCopy(instruction.args);
      if (copy.flags.from !== undefined) {
        if (!stageNames.has(copy.flags.from)) problems.push(`${where(instruction)}: COPY --from=${copy.flags.from} names no earlier stage`);
        continue;
      }
      if (copy.sources.length === 0) problems.push(`${where(instruction)}: COPY without a source`);
      for (const source of copy.sources) {
        const matches = source.includes('*') ? globOne(source) : exists(source) ? [source] : [];
        if (matches.length === 0) problems.push(`${where(instruction)}: COPY ${source}: no such file in the repository`);
        for (const match of matches) if (match !== '.' && ignore(match)) problems.push(`${where(instruction)}: COPY ${match}: excluded by .dockerignore`);
      }
    }
    if (stage.name) stageNames.add(stage.name);
  });

  // Dependencies are installed from the manifests alone: every workspace's package.json must be there first.
  const all = dockerfile.stages.flatMap((s) => s.instructions);
  const install = all.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
  if (install < 0) problems.push(`${dockerfile.file}: no RUN npm ci`);
  else {
    const copiedBefore = all.slice(0, install).filter((i) => i.keyword === 'COPY').flatMap((i) => parseCopy(i.args).sources);
    const copiesAll = copiedBefore.includes('.');
    for (const dir of workspaceFolders()) {
      if (!copiesAll && !copiedBefore.includes(`${dir}/package.json`)) problems.push(`${dockerfile.file}: ${dir}/package.json is not copied before npm ci (that workspace would not be installed)`);
    }
    for (const file of ['package.json', 'package-lock.json']) if (!copiesAll && !copiedBefore.includes(file)) problems.push(`${dockerfile.file}: ${file} is not copied before npm ci`);
  }

  // The build steps run, with scripts that exist and are not left out of the context.
  const runs = all.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
  for (const step of ['scripts/prisma-generate.mjs', 'scripts/build.mjs', 'next build']) {
    if (!runs.includes(step)) problems.push(`${dockerfile.file}: the build does not run ${step}`);
  }
  const needed = new Set([...BUILD_INPUTS, ...[...runs.matchAll(/\b(scripts\/[\w.-]+)/g)].map((m) => m[1]!), ...workspaceFolders().map((dir) => (exists(`${dir}/src`) ? `${dir}/src` : `${dir}/package.json`))]);
  for (const file of needed) {
    if (!exists(file)) problems.push(`${dockerfile.file}: the build needs ${file}, which does not exist`);
    else if (ignore(file)) problems.push(`.dockerignore: excludes ${file}, which the build needs`);
  }

  const final = dockerfile.stages.at(-1);
  if (!final) return [...problems, `${dockerfile.file}: no stage`];
  const user = final.instructions.findLast((i) => i.keyword === 'USER')?.args.split(':')[0];
  if (!user || user === 'root' || user === '0') problems.push(`${dockerfile.file}: the final stage runs as ${user ?? 'root (no USER)'}, not an unprivileged user`);
  else if (!/^\d+$/.test(user)) problems.push(`${dockerfile.file}: USER ${user} is not numeric (Kubernetes runAsNonRoot cannot verify a name)`);
  const entry = final.instructions.findLast((i) => i.keyword === 'ENTRYPOINT');
  if (!entry) problems.push(`${dockerfile.file}: no ENTRYPOINT`);
  else if (!entry.args.startsWith('[')) problems.push(`${where(entry)}: ENTRYPOINT in shell form (a shell would swallow SIGTERM)`);
  if (!entrypoint) return [...problems, `${dockerfile.file}: the ENTRYPOINT is not a script copied from the repository`];

  problems.push(...checkEntrypoint(entrypoint));
  const workdir = final.instructions.findLast((i) => i.keyword === 'WORKDIR')?.args;
  if (workdir !== entrypoint.workdir) problems.push(`${entrypoint.file}: runs in ${entrypoint.workdir ?? '(nowhere)'}, but the final stage's WORKDIR is ${workdir ?? '(none)'}`);
  // What the entrypoint starts must be in the final stage, copied from the build stage.
  const copied = final.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => parseCopy(i.args))
    .filter((c) => c.flags.from)
    .map((c) => path.posix.relative(workdir ?? '/', path.posix.resolve(workdir ?? '/', c.dest)));
  for (const [, top] of code(entrypoint.text).matchAll(/\b(apps|libs|scripts|node_modules)\//g)) {
    if (!copied.includes(top!)) problems.push(`${dockerfile.file}: the final stage does not copy ${top}/ from the build, yet ${entrypoint.file} starts a file in it`);
  }
  if (!copied.includes('prisma')) problems.push(`${dockerfile.file}: the final stage does not copy prisma/ (the migrate command reads prisma/migrations)`);
  return problems;
}

function globOne(pattern: string): string[] {
  const dir = path.posix.dirname(pattern);
  const base = new RegExp(`^${path.posix.basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  if (!exists(dir)) return [];
  return readdirSync(path.join(repoRoot, dir))
    .filter((name) => base.test(name))
    .map((name) => path.posix.join(dir, name));
}

/** The default of an ARG in any stage. */
export const dockerArg = (dockerfile: Dockerfile, name: string): string | undefined =>
  dockerfile.globalArgs[name] ??
  dockerfile.stages
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === 'ARG')
    .map((i) => i.args.split('='))
    .find(([n]) => n === name)?.[1];

// ---------------------------------------------------------------------------
// Docker Compose

export type ComposeService = {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  stop_grace_period?: string;
  profiles?: string[];
  ports?: (string | number | Json)[];
};
export type ComposeFile = { file: string; services: Record<string, ComposeService>; raw: Json };

export function loadCompose(file: string): ComposeFile {
  // Through JSON: anchors and merge keys share objects, which a copy must not.
  const raw: unknown = JSON.parse(JSON.stringify(parse(readText(file), { merge: true })));
  if (!isRecord(raw) || !isRecord(raw.services)) throw new Error(`${file}: no services`);
  return { file, services: raw.services as Record<string, ComposeService>, raw };
}

/**
 * Compose's variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?message}, ${VAR?message}, ${VAR:+alt}, nested, and $$ for a dollar.
 * Variables required and missing are collected in `missing`.
 */
export function interpolate(text: string, vars: Record<string, string>, missing: Set<string>): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('$$', i)) {
      out += '$';
      i += 2;
    } else if (text.startsWith('${', i)) {
      let depth = 0;
      let end = i;
      for (; end < text.length; end++) {
        if (text.startsWith('${', end)) {
          depth++;
          end++;
        } else if (text[end] === '}' && --depth === 0) break;
      }
      const body = text.slice(i + 2, end);
      const [, name = '', op, arg = ''] = /^(\w+)(?:(:?[-?+])([\s\S]*))?$/.exec(body) ?? [];
      if (!name) throw new Error(`bad interpolation \${${body}}`);
      const value = vars[name];
      const absent = value === undefined || (op?.startsWith(':') === true && value === '');
      if (!op) out += value ?? '';
      else if (op.endsWith('-')) out += absent ? interpolate(arg, vars, missing) : value;
      else if (op.endsWith('+')) out += absent ? '' : interpolate(arg, vars, missing);
      else if (absent) missing.add(name);
      else out += value;
      i = end + 1;
    } else {
      const simple = /^\$(\w+)/.exec(text.slice(i));
      out += simple ? (vars[simple[1]!] ?? '') : text[i];
      i += simple ? simple[0].length : 1;
    }
  }
  return out;
}

/** The compose file with every string interpolated from `vars` (the variables of .env), and the required ones missing. */
export function interpolateCompose(compose: ComposeFile, vars: Record<string, string>): { services: Record<string, ComposeService>; missing: Set<string> } {
  const missing = new Set<string>();
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolate(value, vars, missing);
    if (Array.isArray(value)) return value.map(walk);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return { services: walk(compose.services) as Record<string, ComposeService>, missing };
}

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean));
const envOf = (service: ComposeService): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((pair) => [pair.split('=')[0]!, pair.split('=').slice(1).join('=')]))
    : Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
const dependsOn = (service: ComposeService): Record<string, string> =>
  Array.isArray(service.depends_on) ? Object.fromEntries(service.depends_on.map((name) => [name, 'service_started'])) : Object.fromEntries(Object.entries(service.depends_on ?? {}).map(([name, d]) => [name, d.condition ?? 'service_started']));

/** "45s", "1m30s", "500ms" → seconds. */
export function durationSeconds(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(amount) * ({ ms: 0.001, s: 1, m: 60, h: 3600 } as Record<string, number>)[unit!]!;
  return total;
}

/** WEFT_SHUTDOWN_DEADLINE_MS as a process reads it: from its environment, else Weft's default. */
const shutdownDeadlineSeconds = (config: WeftConfig) => config.shutdownDeadlineMs / 1000;
/** Room beyond the task deadline: handing back, unwinding (2 s) and closing connections. */
export const SHUTDOWN_MARGIN_SECONDS = 10;

/** Secrets a role needs in production, as `loadConfig` demands them. */
const SECRET_ROLES: Record<string, string[]> = { WEFT_AUTH_SECRET: ['api'], WEFT_SECRETS_KEY: ['api', 'worker', 'scheduler'] };

export function checkCompose(compose: ComposeFile, context: { dockerfile: Dockerfile; entrypoint: Entrypoint | undefined; envExample: Record<string, string> }): string[] {
  const problems: string[] = [];
  const f = compose.file;
  const { services: raw } = compose;
  const names = Object.keys(raw);

  for (const required of ['postgres', 'redis', 'migrate', 'api', 'worker', 'web']) if (!raw[required]) problems.push(`${f}: no "${required}" service`);
  const workerReplicas = raw.worker?.deploy?.replicas ?? (raw.worker ? 1 : 0);
  const workerServices = names.filter((n) => /^worker/.test(n)).length;
  if (Math.max(workerReplicas, workerServices) < 2) problems.push(`${f}: one worker (set deploy.replicas: 2 on "worker")`);

  // Variables: the secrets must come from .env, and every required variable is listed in the example.
  const { missing } = interpolateCompose(compose, {});
  for (const name of missing) if (!(name in context.envExample)) problems.push(`${f}: requires \${${name}}, which ${COMPOSE_ENV_EXAMPLE} does not list`);
  for (const secret of Object.keys(PLACEHOLDER_SECRETS)) if (!missing.has(secret)) problems.push(`${f}: ${secret} is not required from .env (use \${${secret}:?…})`);
  const { services, missing: stillMissing } = interpolateCompose(compose, { ...PLACEHOLDER_SECRETS });
  for (const name of stillMissing) problems.push(`${f}: requires \${${name}} beyond the documented secrets`);

  const builtImages = new Set<string>();
  for (const [name, service] of Object.entries(raw)) {
    const env = envOf(service);
    for (const [key, value] of Object.entries(env)) {
      if (/SECRET|PASSWORD|TOKEN|_KEY(S)?$/.test(key) && value && !/^\$\{\w+(:?[-?][^}]*)?\}$/.test(value)) problems.push(`${f}: ${name}.environment.${key} has a literal value (secrets come from .env)`);
    }
    for (const [target, condition] of Object.entries(dependsOn(service))) {
      if (!raw[target]) problems.push(`${f}: ${name} depends on "${target}", which is no service`);
      else if (!['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition)) problems.push(`${f}: ${name} depends on ${target} with the unknown condition ${condition}`);
      else if (condition === 'service_healthy' && !raw[target].healthcheck?.test) problems.push(`${f}: ${name} waits for ${target} to be healthy, but ${target} has no healthcheck`);
      else if (condition === 'service_completed_successfully' && (raw[target].restart ?? 'no') !== 'no') problems.push(`${f}: ${name} waits for ${target} to complete, but ${target} restarts (restart: ${raw[target].restart})`);
    }
    if (service.build !== undefined) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const contextDir = path.posix.join(path.posix.dirname(f), build.context ?? '.');
      const dockerfile = path.posix.join(contextDir, build.dockerfile ?? 'Dockerfile');
      if (!exists(contextDir) || !statSync(path.join(repoRoot, contextDir)).isDirectory()) problems.push(`${f}: ${name}.build.context ${build.context} is no folder`);
      if (!exists(dockerfile)) problems.push(`${f}: ${name}.build.dockerfile ${dockerfile} does not exist`);
      const args = Array.isArray(build.args) ? build.args.map((a) => a.split('=')[0]!) : Object.keys(build.args ?? {});
      for (const arg of args) if (dockerArg(context.dockerfile, arg) === undefined) problems.push(`${f}: ${name}.build.args.${arg} is no ARG of ${dockerfile}`);
      builtImages.add(service.image ?? `(unnamed: ${name})`);
    }
  }
  if (builtImages.size > 1) problems.push(`${f}: the services build different images (${[...builtImages].join(', ')}); one image runs every role`);

  // The migration runs first, once the database answers.
  if (dependsOn(raw.migrate ?? {}).postgres !== 'service_healthy') problems.push(`${f}: migrate does not wait for a healthy postgres`);

  // What each Weft service runs, and whether Weft accepts its settings.
  const covered = new Set<string>();
  for (const [name, service] of Object.entries(services)) {
    if (raw[name]?.build === undefined && raw[name]?.image !== raw.api?.image) continue;
    const env = envOf(service);
    const command = programOf(listOf(service.command), env);
    if (context.entrypoint && !context.entrypoint.commands.includes(command)) problems.push(`${f}: ${name} runs "${command}", which the image's entrypoint does not know`);
    if (command === 'api' || command === 'worker') {
      if (dependsOn(raw[name]!).migrate !== 'service_completed_successfully') problems.push(`${f}: ${name} starts without waiting for migrate to complete`);
      const config = tryConfig(env, `${f}: ${name}`, problems);
      if (!config) continue;
      const roles = programRoles(command, config);
      roles.forEach((role) => covered.add(role));
      if (command === 'worker' && config.roles.includes('api')) problems.push(`${f}: ${name} lists the api role in WEFT_ROLES, but the worker program ignores it`);
      for (const [secret, needers] of Object.entries(SECRET_ROLES)) {
        if (roles.some((r) => needers.includes(r)) && !env[secret]) problems.push(`${f}: ${name} runs ${roles.join(',')} without ${secret}`);
      }
      const port = command === 'api' ? config.port : config.health.port;
      if (port === undefined) problems.push(`${f}: ${name} sets no WEFT_HEALTH_PORT: nothing answers its probes`);
      else problems.push(...checkComposeHealthcheck(f, name, raw[name]!, port, '/readyz'));
      if (roles.includes('worker')) {
        const grace = durationSeconds(service.stop_grace_period) ?? 10;
        if (grace < shutdownDeadlineSeconds(config) + SHUTDOWN_MARGIN_SECONDS) problems.push(`${f}: ${name}.stop_grace_period is ${grace}s: too short for WEFT_SHUTDOWN_DEADLINE_MS (${shutdownDeadlineSeconds(config)}s) plus handing back`);
      }
    } else if (command === 'web') {
      problems.push(...checkComposeHealthcheck(f, name, raw[name]!, Number(env.WEFT_WEB_PORT ?? 3000), '/'));
      const origin = buildArg(raw[name]!, 'WEFT_API_ORIGIN') ?? dockerArg(context.dockerfile, 'WEFT_API_ORIGIN');
      problems.push(...checkApiOrigin(origin, `${f}: ${name}`, (host, port) => {
        const api = services[host];
        if (!api) return `no service "${host}"`;
        const apiEnv = envOf(api);
        if (programOf(listOf(api.command), apiEnv) !== 'api') return `service "${host}" does not run the API`;
        return String(apiEnv.PORT ?? 4000) === port ? undefined : `service "${host}" listens on PORT ${apiEnv.PORT ?? 4000}`;
      }));
    }
  }
  for (const role of allRoles()) if (!covered.has(role)) problems.push(`${f}: no service runs the ${role} role`);
  return problems;
}

const buildArg = (service: ComposeService, name: string): string | undefined => {
  const args = typeof service.build === 'object' ? service.build.args : undefined;
  if (Array.isArray(args)) return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  return args?.[name];
};

function checkComposeHealthcheck(file: string, name: string, service: ComposeService, port: number, pathPrefix: string): string[] {
  const test = listOf(service.healthcheck?.test).join(' ');
  if (!test) return [`${file}: ${name} has no healthcheck`];
  const url = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/[\w/-]*)/.exec(test);
  if (!url) return [`${file}: ${name}'s healthcheck calls no local URL`];
  const problems: string[] = [];
  if (Number(url[1]) !== port) problems.push(`${file}: ${name}'s healthcheck calls port ${url[1]}, but it listens on ${port}`);
  if (!url[2]!.startsWith(pathPrefix)) problems.push(`${file}: ${name}'s healthcheck calls ${url[2]}, not ${pathPrefix}`);
  return problems;
}

/** The web app's proxy target (baked at build time) must be the API's address. */
function checkApiOrigin(origin: string | undefined, where: string, resolve: (host: string, port: string) => string | undefined): string[] {
  if (!origin) return [`${where}: no WEFT_API_ORIGIN for the web build`];
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  if (!url) return [`${where}: WEFT_API_ORIGIN ${origin} is no URL`];
  const problem = resolve(url.hostname, url.port || '80');
  return problem ? [`${where}: the web app proxies to ${origin}, but ${problem}`] : [];
}

function tryConfig(env: Record<string, string | undefined>, where: string, problems: string[]): WeftConfig | undefined {
  try {
    return loadConfig(env);
  } catch (error) {
    problems.push(`${where}: Weft refuses its settings: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The development file: PostgreSQL and Redis, usable without any secret. */
export function checkDevCompose(compose: ComposeFile): string[] {
  const problems: string[] = [];
  for (const required of ['postgres', 'redis']) if (!compose.services[required]) problems.push(`${compose.file}: no "${required}" service`);
  const { missing } = interpolateCompose(compose, {});
  if (missing.size) problems.push(`${compose.file}: requires ${[...missing].join(', ')}: development must work without a .env`);
  for (const [name, service] of Object.entries(compose.services)) {
    for (const target of Object.keys(dependsOn(service))) if (!compose.services[target]) problems.push(`${compose.file}: ${name} depends on "${target}", which is no service`);
    if (!service.ports?.length) problems.push(`${compose.file}: ${name} publishes no port (npm start reaches it on localhost)`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Kubernetes

export type KubeObject = { file: string; value: Json };
export type Kustomization = {
  resources?: string[];
  configMapGenerator?: { name: string; envs?: string[]; literals?: string[] }[];
  secretGenerator?: { name: string; envs?: string[]; literals?: string[] }[];
  images?: { name: string; newName?: string; newTag?: string }[];
};
export type KubeBundle = { dir: string; kustomization: Kustomization; objects: KubeObject[]; yamlFiles: string[] };

export function loadKubernetes(dir = KUBERNETES_DIR): KubeBundle {
  const yamlFiles = readdirSync(path.join(repoRoot, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const kustomizationFile = yamlFiles.find((name) => /^kustomization\.ya?ml$/.test(name));
  const kustomization = (kustomizationFile ? parse(readText(`${dir}/${kustomizationFile}`)) : {}) as Kustomization;
  const objects = yamlFiles
    .filter((name) => name !== kustomizationFile)
    .flatMap((name) =>
      parseAllDocuments(readText(`${dir}/${name}`)).map((doc) => {
        if (doc.errors.length) throw new Error(`${dir}/${name}: ${doc.errors[0]!.message}`);
        return { file: `${dir}/${name}`, value: doc.toJS() as Json };
      }),
    )
    .filter((o) => isRecord(o.value));
  return { dir, kustomization, objects, yamlFiles };
}

const MODELS: Record<string, (value: Json) => { validate(): void }> = {
  'v1/ConfigMap': (v) => new ConfigMap(v),
  'v1/Secret': (v) => new Secret(v),
  'v1/Service': (v) => new Service(v),
  'apps/v1/Deployment': (v) => new Deployment(v),
  'batch/v1/Job': (v) => new Job(v),
  'autoscaling/v2/HorizontalPodAutoscaler': (v) => new HorizontalPodAutoscaler(v),
  'policy/v1/PodDisruptionBudget': (v) => new PodDisruptionBudget(v),
};

const kindOf = (o: KubeObject) => `${String(o.value.apiVersion)}/${String(o.value.kind)}`;
const nameOf = (o: KubeObject) => String((o.value.metadata as Json | undefined)?.name);
const label = (o: KubeObject) => `${o.file}: ${String(o.value.kind)} ${nameOf(o)}`;
const ofKind = <T>(bundle: KubeBundle, kind: string) => bundle.objects.filter((o) => o.value.kind === kind).map((o) => ({ object: o, value: o.value as unknown as T }));

/** Property names anywhere in the Kubernetes API schemas: a key outside them is a typo the schemas let through. */
let vocabulary: Set<string> | undefined;
export function apiVocabulary(): Set<string> {
  if (vocabulary) return vocabulary;
  const words = new Set<string>();
  for (const dir of ['node_modules/kubernetes-models/_schemas', 'node_modules/@kubernetes-models/apimachinery/_schemas']) {
    for (const name of readdirSync(path.join(repoRoot, dir)).filter((n) => n.endsWith('.mjs'))) {
      for (const [, a, b] of readText(`${dir}/${name}`).matchAll(/data\.([A-Za-z_$][\w$]*)|data\["([^"]+)"\]/g)) words.add((a ?? b)!);
    }
  }
  return (vocabulary = words);
}
/** Maps whose keys are free (labels, quantities, config data), not API fields. */
const FREE_FORM = new Set(['labels', 'annotations', 'matchLabels', 'data', 'stringData', 'binaryData', 'requests', 'limits', 'nodeSelector']);

/** Validates each object against its Kubernetes schema (kubernetes-models) and for keys no schema knows. */
export function validateObjects(bundle: KubeBundle): string[] {
  const problems: string[] = [];
  const words = apiVocabulary();
  for (const object of bundle.objects) {
    const model = MODELS[kindOf(object)];
    if (!model) {
      problems.push(`${label(object)}: ${kindOf(object)} is not a kind these checks know`);
      continue;
    }
    try {
      model(object.value).validate();
    } catch (error) {
      problems.push(`${label(object)}: invalid: ${error instanceof Error ? error.message : String(error)}`);
    }
    const walk = (value: unknown, at: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (isRecord(value)) {
        for (const [key, child] of Object.entries(value)) {
          const here = at ? `${at}.${key}` : key;
          if (!words.has(key)) problems.push(`${label(object)}: unknown field ${here}`);
          const freeSelector = key === 'selector' && isRecord(child) && !('matchLabels' in child) && !('matchExpressions' in child);
          if (!FREE_FORM.has(key) && !freeSelector) walk(child, here);
        }
      }
    };
    walk(object.value, '');
  }
  const seen = new Set<string>();
  for (const object of bundle.objects) {
    const key = `${String(object.value.kind)}/${nameOf(object)}`;
    if (seen.has(key)) problems.push(`${label(object)}: declared twice`);
    seen.add(key);
  }
  return problems;
}

type Workload = { object: KubeObject; kind: 'Deployment' | 'Job'; name: string; podLabels: Record<string, string>; pod: IPodSpec; replicas: number | undefined };
export function workloads(bundle: KubeBundle): Workload[] {
  return [...ofKind<IDeployment>(bundle, 'Deployment').map((d) => ({ ...d, kind: 'Deployment' as const })), ...ofKind<IJob>(bundle, 'Job').map((d) => ({ ...d, kind: 'Job' as const }))].map(({ object, value, kind }) => ({
    object,
    kind,
    name: nameOf(object),
    podLabels: value.spec?.template.metadata?.labels ?? {},
    pod: value.spec?.template.spec ?? { containers: [] },
    replicas: kind === 'Deployment' ? (value).spec?.replicas : undefined,
  }));
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) => !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** ConfigMaps and Secrets the manifests declare (objects or kustomize generators), with their keys where known. */
function declared(bundle: KubeBundle, kind: 'ConfigMap' | 'Secret'): { names: Map<string, Set<string> | undefined>; problems: string[] } {
  const names = new Map<string, Set<string> | undefined>();
  const problems: string[] = [];
  for (const { object, value } of ofKind<IConfigMap | ISecret>(bundle, kind)) names.set(nameOf(object), new Set([...Object.keys(value.data ?? {}), ...Object.keys((value as ISecret).stringData ?? {})]));
  const generators = kind === 'ConfigMap' ? bundle.kustomization.configMapGenerator : bundle.kustomization.secretGenerator;
  for (const generator of generators ?? []) {
    const keys = new Set((generator.literals ?? []).map((l) => l.split('=')[0]!));
    for (const env of generator.envs ?? []) {
      const file = `${bundle.dir}/${env}`;
      // Secrets stay out of git: their keys come from the committed example.
      const source = kind === 'Secret' ? `${file}.example` : file;
      if (kind === 'Secret' && !readGitignore(bundle.dir).includes(env)) problems.push(`${bundle.dir}/.gitignore: does not keep ${env} (secret values) out of git`);
      if (!exists(source)) problems.push(`${bundle.dir}/kustomization.yaml: ${kind} ${generator.name} reads ${env}, but ${source} does not exist`);
      else Object.keys(readEnvFile(source)).forEach((k) => keys.add(k));
    }
    names.set(generator.name, keys);
  }
  return { names, problems };
}
const readGitignore = (dir: string) => (exists(`${dir}/.gitignore`) ? readText(`${dir}/.gitignore`).split('\n').map((l) => l.trim()) : []);

/** The environment a container starts with: envFrom ConfigMaps (their known values), env, and placeholders for secret references. */
function containerEnv(container: IContainer, bundle: KubeBundle): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const generator = bundle.kustomization.configMapGenerator?.find((g) => g.name === from.configMapRef?.name);
    for (const file of generator?.envs ?? []) if (exists(`${bundle.dir}/${file}`)) Object.assign(env, readEnvFile(`${bundle.dir}/${file}`));
    const object = ofKind<IConfigMap>(bundle, 'ConfigMap').find((c) => nameOf(c.object) === from.configMapRef?.name);
    Object.assign(env, object?.value.data ?? {});
  }
  const example = bundle.kustomization.secretGenerator?.flatMap((g) => g.envs ?? []).map((file) => `${bundle.dir}/${file}.example`).filter(exists).map(readEnvFile) ?? [];
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) env[variable.name] = PLACEHOLDER_SECRETS[ref.key] ?? example.map((e) => e[ref.key]).find(Boolean) ?? '';
    else if (variable.value !== undefined) env[variable.name] = variable.value;
  }
  return env;
}

/** The port a probe names, as a container port (by name or number). */
function probePort(probe: IProbe, container: IContainer): { port: string | number; containerPort: number | undefined } | undefined {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  if (port === undefined) return undefined;
  const declaredPort = container.ports?.find((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port));
  return { port, containerPort: declaredPort?.containerPort };
}

export function checkKubernetes(bundle: KubeBundle, context: { dockerfile: Dockerfile; entrypoint: Entrypoint | undefined }): string[] {
  const problems: string[] = [];
  const { dir, kustomization } = bundle;

  // The kustomization lists every manifest, and only existing ones.
  const listed = new Set(kustomization.resources ?? []);
  for (const resource of listed) if (!exists(`${dir}/${resource}`)) problems.push(`${dir}/kustomization.yaml: lists ${resource}, which does not exist`);
  for (const file of bundle.yamlFiles) if (!/^kustomization\.ya?ml$/.test(file) && !listed.has(file)) problems.push(`${dir}/kustomization.yaml: does not list ${file}`);
  const imageNames = new Set((kustomization.images ?? []).map((i) => i.name));

  const configMaps = declared(bundle, 'ConfigMap');
  const secrets = declared(bundle, 'Secret');
  problems.push(...configMaps.problems, ...secrets.problems);
  const all = workloads(bundle);
  const deployments = all.filter((w) => w.kind === 'Deployment');
  const hpas = ofKind<IHorizontalPodAutoscaler>(bundle, 'HorizontalPodAutoscaler');
  const covered = new Set<string>();

  for (const workload of all) {
    const where = label(workload.object);
    if (workload.kind === 'Deployment') {
      const selector = (workload.object.value as unknown as IDeployment).spec?.selector.matchLabels;
      if (!matches(selector, workload.podLabels)) problems.push(`${where}: spec.selector does not match the pod template's labels`);
    }
    const pod = workload.pod;
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: the pod does not set runAsNonRoot`);
    for (const volume of pod.volumes ?? []) {
      if (volume.configMap && !configMaps.names.has(volume.configMap.name ?? '')) problems.push(`${where}: volume ${volume.name} names ConfigMap ${volume.configMap.name}, which is not declared`);
      if (volume.secret && !secrets.names.has(volume.secret.secretName ?? '')) problems.push(`${where}: volume ${volume.name} names Secret ${volume.secret.secretName}, which is not declared`);
    }
    const hpa = hpas.find((h) => h.value.spec?.scaleTargetRef.kind === 'Deployment' && h.value.spec.scaleTargetRef.name === workload.name);

    for (const container of pod.containers) {
      const at = `${where}, container ${container.name}`;
      if (!container.image || !imageNames.has(container.image)) problems.push(`${at}: image ${container.image} is not one of the kustomization's images (${[...imageNames].join(', ')})`);
      // References to ConfigMaps and Secrets, and their keys.
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !configMaps.names.has(from.configMapRef.name ?? '')) problems.push(`${at}: envFrom names ConfigMap ${from.configMapRef.name}, which is not declared`);
        if (from.secretRef && !secrets.names.has(from.secretRef.name ?? '')) problems.push(`${at}: envFrom names Secret ${from.secretRef.name}, which is not declared`);
      }
      for (const variable of container.env ?? []) {
        for (const [kind, ref, names] of [
          ['ConfigMap', variable.valueFrom?.configMapKeyRef, configMaps.names],
          ['Secret', variable.valueFrom?.secretKeyRef, secrets.names],
        ] as const) {
          if (!ref) continue;
          if (!names.has(ref.name ?? '')) problems.push(`${at}: ${variable.name} reads ${kind} ${ref.name}, which is not declared`);
          else if (!names.get(ref.name ?? '')?.has(ref.key)) problems.push(`${at}: ${variable.name} reads key ${ref.key} of ${kind} ${ref.name}, which it does not have`);
        }
      }
      // Resources: the scheduler and the autoscaler need requests; a memory limit bounds a leak.
      const { requests, limits } = container.resources ?? {};
      if (!requests?.cpu || !requests.memory) problems.push(`${at}: no cpu and memory requests`);
      if (!limits?.memory) problems.push(`${at}: no memory limit`);

      const env = containerEnv(container, bundle);
      const command = programOf(container.args ?? [], env);
      if (container.command) problems.push(`${at}: overrides the image's entrypoint (command); pass the program as args`);
      if (context.entrypoint && !context.entrypoint.commands.includes(command)) problems.push(`${at}: runs "${command}", which the image's entrypoint does not know`);
      const declaredPorts = new Set((container.ports ?? []).map((p) => p.containerPort));

      if (workload.kind === 'Job') {
        if (!env.DATABASE_URL) problems.push(`${at}: no DATABASE_URL`);
        continue;
      }
      // Probes: readiness on /readyz and liveness on /healthz for Weft's programs, each on a declared port.
      const probes = { readinessProbe: container.readinessProbe, livenessProbe: container.livenessProbe, startupProbe: container.startupProbe };
      if (!probes.readinessProbe) problems.push(`${at}: no readinessProbe`);
      if (!probes.livenessProbe) problems.push(`${at}: no livenessProbe`);
      for (const [kind, probe] of Object.entries(probes)) {
        if (!probe) continue;
        const port = probePort(probe, container);
        if (!port) problems.push(`${at}: ${kind} is neither httpGet nor tcpSocket`);
        else if (port.containerPort === undefined && !(typeof port.port === 'number' && String(port.port) === env.PORT)) problems.push(`${at}: ${kind} port ${port.port} is not a declared container port`);
      }
      if (command === 'api' || command === 'worker') {
        const config = tryConfig(env, at, problems);
        if (!config) continue;
        const roles = programRoles(command, config);
        roles.forEach((role) => covered.add(role));
        if (command === 'worker' && config.roles.includes('api')) problems.push(`${at}: lists the api role in WEFT_ROLES, but the worker program ignores it`);
        for (const [secret, needers] of Object.entries(SECRET_ROLES)) {
          if (roles.some((r) => needers.includes(r)) && !env[secret]) problems.push(`${at}: runs ${roles.join(',')} without ${secret}`);
        }
        const serves = command === 'api' ? config.port : config.health.port;
        if (serves === undefined) problems.push(`${at}: no WEFT_HEALTH_PORT: the ${command} program serves no probes`);
        else if (!declaredPorts.has(serves)) problems.push(`${at}: serves its probes on ${serves}, which is not a declared container port`);
        const expect: [string, IProbe | undefined, string][] = [
          ['readinessProbe', probes.readinessProbe, '/readyz'],
          ['livenessProbe', probes.livenessProbe, '/healthz'],
        ];
        for (const [kind, probe, wanted] of expect) {
          if (!probe) continue;
          if (probe.httpGet?.path !== wanted) problems.push(`${at}: ${kind} is not GET ${wanted}`);
          const port = probePort(probe, container);
          if (port?.containerPort !== undefined && serves !== undefined && port.containerPort !== serves) problems.push(`${at}: ${kind} calls port ${port.containerPort}, but the ${command} program serves its probes on ${serves}`);
        }
        if (roles.includes('worker')) {
          const grace = pod.terminationGracePeriodSeconds ?? 30;
          if (grace < shutdownDeadlineSeconds(config) + SHUTDOWN_MARGIN_SECONDS) problems.push(`${where}: terminationGracePeriodSeconds ${grace} is too short for WEFT_SHUTDOWN_DEADLINE_MS (${shutdownDeadlineSeconds(config)}s) plus handing back`);
          if (!hpa) problems.push(`${where}: runs workers without a HorizontalPodAutoscaler`);
        }
      }
    }
    // Replicas: two at least wherever a PodDisruptionBudget or failover needs them.
    const replicas = hpa?.value.spec?.minReplicas ?? workload.replicas ?? 1;
    if (workload.kind === 'Deployment' && replicas < 2) problems.push(`${where}: ${replicas} replica(s); run 2 at least`);
    if (hpa && workload.replicas !== undefined) problems.push(`${where}: sets replicas although HorizontalPodAutoscaler ${nameOf(hpa.object)} owns the count (each apply would reset it)`);
  }
  for (const role of allRoles()) if (!covered.has(role)) problems.push(`${dir}: no Deployment runs the ${role} role`);

  // Services select the pods of a Deployment, on a port those pods declare.
  for (const { object, value } of ofKind<IService>(bundle, 'Service')) {
    const selected = deployments.filter((d) => matches(value.spec?.selector, d.podLabels));
    if (selected.length === 0) problems.push(`${label(object)}: its selector matches no Deployment's pods`);
    for (const port of value.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const d of selected) {
        const found = d.pod.containers.some((c) => c.ports?.some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target)));
        if (!found) problems.push(`${label(object)}: targetPort ${target} is not a port of ${d.name}'s containers`);
      }
    }
  }
  // The autoscaler targets an existing Deployment whose containers request CPU.
  for (const { object, value } of hpas) {
    const ref = value.spec?.scaleTargetRef;
    const target = deployments.find((d) => ref?.kind === 'Deployment' && ref.apiVersion === 'apps/v1' && d.name === ref.name);
    if (!target) {
      problems.push(`${label(object)}: scaleTargetRef ${ref?.apiVersion}/${ref?.kind} ${ref?.name} is no Deployment here`);
      continue;
    }
    if ((value.spec?.minReplicas ?? 1) < 2) problems.push(`${label(object)}: minReplicas below 2`);
    const usesCpu = value.spec?.metrics?.some((m) => m.resource?.name === 'cpu');
    if (usesCpu && target.pod.containers.some((c) => !c.resources?.requests?.cpu)) problems.push(`${label(object)}: scales on CPU utilization, but ${target.name} requests no CPU`);
  }
  // Disruption budgets cover a Deployment and leave room to evict one pod.
  for (const { object, value } of ofKind<IPodDisruptionBudget>(bundle, 'PodDisruptionBudget')) {
    const selected = deployments.filter((d) => matches(value.spec?.selector?.matchLabels, d.podLabels));
    if (selected.length === 0) problems.push(`${label(object)}: its selector matches no Deployment's pods`);
    for (const d of selected) {
      const replicas = hpas.find((h) => h.value.spec?.scaleTargetRef.name === d.name)?.value.spec?.minReplicas ?? d.replicas ?? 1;
      if (typeof value.spec?.minAvailable === 'number' && value.spec.minAvailable >= replicas) problems.push(`${label(object)}: minAvailable ${value.spec.minAvailable} with ${replicas} replica(s) of ${d.name} blocks every eviction`);
    }
  }
  // The web app's build proxies to the API Service.
  const web = all.find((w) => w.pod.containers.some((c) => programOf(c.args ?? [], {}) === 'web'));
  if (!web) problems.push(`${dir}: no Deployment runs the web app`);
  problems.push(
    ...checkApiOrigin(dockerArg(context.dockerfile, 'WEFT_API_ORIGIN'), `${context.dockerfile.file} (WEFT_API_ORIGIN)`, (host, port) => {
      const service = ofKind<IService>(bundle, 'Service').find((s) => nameOf(s.object) === host);
      if (!service) return `no Service ${host} in ${dir}`;
      if (!service.value.spec?.ports?.some((p) => String(p.port) === port)) return `Service ${host} has no port ${port}`;
      const api = deployments.find((d) => matches(service.value.spec?.selector, d.podLabels));
      return api?.pod.containers.some((c) => programOf(c.args ?? [], {}) === 'api') ? undefined : `Service ${host} does not select the API's pods`;
    }),
  );
  if (!all.some((w) => w.kind === 'Job' && w.pod.containers.some((c) => c.args?.[0] === 'migrate'))) problems.push(`${dir}: no Job runs the migration`);
  return problems;
}
