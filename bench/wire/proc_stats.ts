/**
 * What a server process costs while it works, read from Linux's /proc: CPU time (utime +
 * stime of /proc/<pid>/stat, in clock ticks) and resident memory (VmRSS of
 * /proc/<pid>/status), sampled during a phase for the peak.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU seconds used so far and resident memory now (MiB) of `pid`. */
export function procSample(pid: number): { cpuSeconds: number; rssMiB: number } {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and
  // 13th of them (proc(5): fields 14 and 15).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / CLOCK_TICKS, rssMiB: rssKb / 1024 };
}

/** The cost of a process over a phase: share of one core and peak resident memory. */
export interface ProcCost {
  readonly cpuPercent: number;
  readonly peakRssMiB: number;
}

/** Samples `pid` every 200 ms until `stop()`, which returns the phase's cost. */
export function watchProcess(pid: number): { stop: () => ProcCost } {
  const first = procSample(pid);
  const began = performance.now();
  let peak = first.rssMiB;
  const timer = setInterval(() => {
    peak = Math.max(peak, procSample(pid).rssMiB);
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      const last = procSample(pid);
      const seconds = (performance.now() - began) / 1000;
      return {
        cpuPercent: (100 * (last.cpuSeconds - first.cpuSeconds)) / seconds,
        peakRssMiB: Math.max(peak, last.rssMiB),
      };
    },
  };
}
