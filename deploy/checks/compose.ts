// ---------------------------------------------------------------------------
// Docker Compose
import { statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { COMPOSE_ENV_EXAMPLE, PLACEHOLDER_SECRETS, SECRET_ROLES, SHUTDOWN_MARGIN_SECONDS, allRoles, checkApiOrigin, exists, isRecord, programRoles, readText, repoRoot, shutdownDeadlineSeconds, tryConfig, type Json } from './common.js';
import { type Dockerfile, dockerArg } from './dockerfile.js';
import { type Entrypoint, programOf } from './entrypoint.js';

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
