import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time a process has used (user + system), in ms, or 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th and 15th overall.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine (all cores), in ms. */
function machineCpuMs(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

/** Where the CPU went during a measurement: the Weft processes, the load generator (this process), the whole machine. */
export type CpuUse = { weftMs: number; loadGeneratorMs: number; machineBusyPercent: number };

export function measureCpu(pids: number[]): { stop(): CpuUse } {
  const weft = () => pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const own = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const start = { weft: weft(), own: own(), machine: machineCpuMs() };
  return {
    stop() {
      const machine = machineCpuMs();
      const total = machine.total - start.machine.total;
      return {
        weftMs: weft() - start.weft,
        loadGeneratorMs: Math.round(own() - start.own),
        machineBusyPercent: total > 0 ? Math.round(((machine.busy - start.machine.busy) / total) * 100) : 0,
      };
    },
  };
}
