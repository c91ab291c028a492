import { readFileSync } from 'node:fs';

/** VmRSS of a process in KiB, or 0 when it is gone. */
export function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the summed RSS of `pids()` every `intervalMs`; `stop()` returns the peak sum in MiB. */
export function sampleRss(pids: () => number[], intervalMs = 100): { stop(): number } {
  let peakKiB = 0;
  const sample = () => {
    peakKiB = Math.max(peakKiB, pids().reduce((sum, pid) => sum + rssKiB(pid), 0));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Math.round((peakKiB / 1024) * 10) / 10;
    },
  };
}
