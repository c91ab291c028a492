import { freePort } from '@weft/testing';
import { startRoleProcess, type RoleProcess, type RoleProcessSpec } from './role-process.js';

export type ClusterShape = { apis: number; workers: number; relays: number; projectors: number; schedulers: number };

/** The shape issue 9 asks for: two APIs, three workers, and the relay, projector and scheduler roles each in a process of its own. */
export const FULL_SHAPE: ClusterShape = { apis: 2, workers: 3, relays: 1, projectors: 1, schedulers: 1 };

export type Cluster = {
  processes: RoleProcess[];
  /** The API processes' base URLs (`http://127.0.0.1:<port>`), in order. */
  apiUrls: string[];
  byRole(role: 'api' | 'worker' | 'relay' | 'projector' | 'scheduler'): RoleProcess[];
  /** The last lines of every process's output, for a failure message. */
  logs(lines?: number): string;
  /** Restarts any process that exits on its own, as an orchestrator would, until stopped; returns how many restarts it made. */
  supervise(everyMs?: number): { count(): number; stop(): Promise<number> };
  stop(): Promise<void>;
};

/**
 * Starts Weft as separate processes per role, sharing `env` (database, Redis, prefix) and
 * waits until each serves. APIs run only the api role; every other process one role.
 */
export async function startCluster(env: Record<string, string>, shape: ClusterShape = FULL_SHAPE): Promise<Cluster> {
  const specs: (RoleProcessSpec & { role: string; url?: string })[] = [];
  for (let i = 1; i <= shape.apis; i += 1) {
    const port = await freePort();
    specs.push({ name: `api-${i}`, role: 'api', entry: 'api', env: { WEFT_ROLES: 'api', PORT: String(port) }, url: `http://127.0.0.1:${port}` });
  }
  const background = (role: string, count: number) => {
    for (let i = 1; i <= count; i += 1) specs.push({ name: `${role}-${i}`, role, entry: 'worker', env: { WEFT_ROLES: role } });
  };
  background('worker', shape.workers);
  background('relay', shape.relays);
  background('projector', shape.projectors);
  background('scheduler', shape.schedulers);
  const processes = specs.map((spec) => startRoleProcess(spec, env));
  const roleOf = new Map(processes.map((p, i) => [p, specs[i]!.role]));
  const cluster: Cluster = {
    processes,
    apiUrls: specs.filter((s) => s.url).map((s) => s.url!),
    byRole: (role) => processes.filter((p) => roleOf.get(p) === role),
    logs: (lines = 15) => processes.map((p) => `--- ${p.spec.name}\n${p.output().split('\n').slice(-lines).join('\n')}`).join('\n'),
    supervise(everyMs = 200) {
      let restarts = 0;
      let restarting = Promise.resolve();
      const timer = setInterval(() => {
        restarting = restarting.then(async () => {
          for (const process of processes.filter((p) => p.exited())) {
            restarts += 1;
            // One that dies again before it serves is picked up on the next round.
            await process.restart().catch(() => undefined);
          }
        });
      }, everyMs);
      return {
        count: () => restarts,
        async stop() {
          clearInterval(timer);
          await restarting;
          return restarts;
        },
      };
    },
    async stop() {
      await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    },
  };
  try {
    await Promise.all(processes.map((p) => p.ready(60_000)));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
