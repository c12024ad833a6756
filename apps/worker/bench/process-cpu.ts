import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a process has used so far, from Linux's /proc; null elsewhere or
 * once it is gone. The benchmark reads it before and after a run to say which process the time
 * went to.
 */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The sum over `pids` of what each used since `before` (a pid missing then counts from 0). */
export function cpuSince(before: Map<number, number>, pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    const now = processCpuSeconds(pid);
    if (now !== null) total += now - (before.get(pid) ?? 0);
  }
  return total;
}

export function cpuSnapshot(pids: number[]): Map<number, number> {
  const snapshot = new Map<number, number>();
  for (const pid of pids) {
    const seconds = processCpuSeconds(pid);
    if (seconds !== null) snapshot.set(pid, seconds);
  }
  return snapshot;
}
