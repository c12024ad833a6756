import { spawn, type ChildProcess } from 'node:child_process';

export interface Managed {
  name: string;
  child: ChildProcess;
}

/**
 * Starts a long-running process in its own process group, so stopping it also stops whatever it
 * started (vite, esbuild) and Ctrl-C leaves nothing behind. Output is prefixed with the name.
 */
export function startProcess(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Managed {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}]`.padEnd(10);
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) stream.write(`${prefix} ${line}\n`);
  };
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  return { name, child };
}

/** SIGTERM to each process group, SIGKILL to whatever is still there after the grace period. */
export async function stopAll(processes: Managed[], graceMs = 8_000): Promise<void> {
  const alive = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null && p.child.pid);
  for (const p of alive) signalGroup(p, 'SIGTERM');
  const exited = Promise.all(alive.map((p) => new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)))));
  const timer = new Promise((r) => setTimeout(r, graceMs).unref());
  await Promise.race([exited, timer]);
  for (const p of alive) signalGroup(p, 'SIGKILL');
}

function signalGroup(p: Managed, signal: NodeJS.Signals): void {
  try {
    process.kill(-p.child.pid!, signal);
  } catch {
    // already gone
  }
}

export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process for ${url} exited before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
