import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  cpuMHz: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
  arch: string;
}

/** The machine as seen at run time (the load average shows how busy it was with other work). */
export function machineInfo(): MachineInfo {
  const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuMHz: cpus()[0]?.speed ?? 0,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

/**
 * The share (percent) of all cores busy over `ms` while this process waits: other work on the
 * machine, which the load average (a minute-long mean that includes a previous run) only hints at.
 */
export async function busyPercent(ms = 1000): Promise<number> {
  const sample = () => cpus().reduce((acc, cpu) => {
    const { idle, ...rest } = cpu.times;
    acc.idle += idle;
    acc.total += idle + Object.values(rest).reduce((a, b) => a + b, 0);
    return acc;
  }, { idle: 0, total: 0 });
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = sample();
  const total = after.total - before.total;
  return total > 0 ? Math.round((100 * (total - (after.idle - before.idle))) / total) : 0;
}
