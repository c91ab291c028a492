/** What every check shares: where the repository is, the files checked, and Weft's settings as `loadConfig` judges them. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type WeftConfig } from '../../libs/engine/src/config/weft-config.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const KUBERNETES_DIR = 'deploy/kubernetes';
export const COMPOSE_FILE = 'docker-compose.yml';
export const DEV_COMPOSE_FILE = 'deploy/compose/services.yml';
export const COMPOSE_ENV_EXAMPLE = 'deploy/compose/env.example';

export type Json = Record<string, unknown>;
export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const readText = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
export const exists = (file: string) => existsSync(path.join(repoRoot, file));

/** A valid stand-in for each secret (the repository holds none), so that `loadConfig` can judge the rest. */
export const PLACEHOLDER_SECRETS: Readonly<Record<string, string>> = {
  WEFT_AUTH_SECRET: 'placeholder-auth-secret-for-static-checks-only',
  WEFT_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
};

/** Every role Weft knows: `loadConfig` defaults WEFT_ROLES to all of them. */
export const allRoles = (): string[] => loadConfig({}).roles;

/** The programs a container can run: api (apps/api) or worker (apps/worker, the background roles). */
export type Program = 'api' | 'worker';
export const programRoles = (program: Program, config: WeftConfig): string[] => (program === 'api' ? [...new Set(['api', ...config.roles])] : config.roles.filter((r) => r !== 'api'));

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

/** WEFT_SHUTDOWN_DEADLINE_MS as a process reads it: from its environment, else Weft's default. */
export const shutdownDeadlineSeconds = (config: WeftConfig) => config.shutdownDeadlineMs / 1000;
/** Room beyond the task deadline: handing back, unwinding (2 s) and closing connections. */
export const SHUTDOWN_MARGIN_SECONDS = 10;

/** Secrets a role needs in production, as `loadConfig` demands them. */
export const SECRET_ROLES: Record<string, string[]> = { WEFT_AUTH_SECRET: ['api'], WEFT_SECRETS_KEY: ['api', 'worker', 'scheduler'] };

/** The web app's proxy target (baked at build time) must be the API's address. */
export function checkApiOrigin(origin: string | undefined, where: string, resolve: (host: string, port: string) => string | undefined): string[] {
  if (!origin) return [`${where}: no WEFT_API_ORIGIN for the web build`];
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  if (!url) return [`${where}: WEFT_API_ORIGIN ${origin} is no URL`];
  const problem = resolve(url.hostname, url.port || '80');
  return problem ? [`${where}: the web app proxies to ${origin}, but ${problem}`] : [];
}

export function tryConfig(env: Record<string, string | undefined>, where: string, problems: string[]): WeftConfig | undefined {
  try {
    return loadConfig(env);
  } catch (error) {
    problems.push(`${where}: Weft refuses its settings: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
