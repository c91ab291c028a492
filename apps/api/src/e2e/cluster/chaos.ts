import type { RoleProcess } from './role-process.js';

/**
 * Every `everyMs`, SIGKILLs one of `targets` at random and starts it again, until stopped.
 * Returns how many kills it made.
 */
export function killRandomly(targets: readonly RoleProcess[], everyMs: number, random: () => number = Math.random) {
  let kills = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      if (!running) break;
      const victim = targets[Math.floor(random() * targets.length)]!;
      await victim.stop('SIGKILL');
      kills += 1;
      await victim.restart();
    }
  })();
  return {
    count: () => kills,
    async stop(): Promise<number> {
      running = false;
      await loop;
      return kills;
    },
  };
}
