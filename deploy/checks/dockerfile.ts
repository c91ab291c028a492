// ---------------------------------------------------------------------------
// Dockerfile and .dockerignore
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { exists, readText, repoRoot } from './common.js';
import { checkEntrypoint, code, readEntrypoint, type Entrypoint } from './entrypoint.js';

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
