/**
 * What a server process costs while it works, read from Linux's /proc — the process and its
 * descendants together (the hub's workers under `KNOOPPUNT_PROCESSES`): CPU time (utime +
 * stime, and cutime + cstime of children it has reaped, of /proc/<pid>/stat, in clock ticks)
 * and resident memory (VmRSS of /proc/<pid>/status, summed over the tree), sampled during a
 * phase for the peak.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { descendants } from '../../test/support/process_tree.ts';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU seconds used so far and resident memory now (MiB) of `pid` alone; zeros once it is gone. */
export function procSample(pid: number): { cpuSeconds: number; rssMiB: number } {
  try {
    // Fields after the command name (which may hold spaces): utime, stime, cutime and cstime
    // are the 12th to 15th of them (proc(5): fields 14 to 17).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / CLOCK_TICKS, rssMiB: rssKb / 1024 };
  } catch {
    return { cpuSeconds: 0, rssMiB: 0 };
  }
}

/** `pid` and its descendants, each with its sample. */
function treeSample(pids: readonly number[]): Map<number, { cpuSeconds: number; rssMiB: number }> {
  return new Map(pids.map((pid) => [pid, procSample(pid)]));
}

const rssOf = (sample: ReadonlyMap<number, { rssMiB: number }>): number =>
  [...sample.values()].reduce((sum, s) => sum + s.rssMiB, 0);

/** The cost of a process tree over a phase: share of one core and peak resident memory. */
export interface ProcCost {
  readonly cpuPercent: number;
  readonly peakRssMiB: number;
  /**
   * Processes in the tree at the phase's end: the hub's primary and its workers under
   * `--processes`, and any helper process of theirs.
   */
  readonly processes?: number;
}

/**
 * Samples `pid` and its descendants every 200 ms until `stop()`, which returns the phase's cost:
 * the CPU each process used since the phase began (since it started, for one started during
 * the phase), summed, and the peak of the summed resident memory.
 */
export function watchProcess(pid: number): { stop: () => ProcCost } {
  let pids = [pid, ...descendants(pid)];
  const first = treeSample(pids);
  const began = performance.now();
  let peak = rssOf(first);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(treeSample(pids)));
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      pids = [pid, ...descendants(pid)];
      const last = treeSample(pids);
      const seconds = (performance.now() - began) / 1000;
      let cpuSeconds = 0;
      for (const [each, sample] of last) {
        cpuSeconds += sample.cpuSeconds - (first.get(each)?.cpuSeconds ?? 0);
      }
      return {
        cpuPercent: (100 * cpuSeconds) / seconds,
        peakRssMiB: Math.max(peak, rssOf(last)),
        processes: pids.length,
      };
    },
  };
}
