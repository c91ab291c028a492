import { loadConfig, stopOnSignals, type Role } from '@weft/engine';

/**
 * `weft start`: the API program when the roles include `api` (it also runs the other roles
 * listed), the background program otherwise — the same code as apps/api and apps/worker's
 * mains. Returns once started; the process runs until SIGTERM or SIGINT.
 * @throws ConfigError on a bad setting, StartupError when PostgreSQL cannot be reached.
 */
export async function start(roles: Role[] | undefined, env: Record<string, string | undefined>): Promise<void> {
  const config = loadConfig(roles ? { ...env, WEFT_ROLES: roles.join(',') } : env);
  const running = config.roles.includes('api') ? await (await import('@weft/api/process')).startApiProcess(config) : await (await import('@weft/worker/process')).startWorkerProcess(config);
  stopOnSignals(running.logger, () => running.stop());
}
