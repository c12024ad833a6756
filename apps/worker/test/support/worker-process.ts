import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { logCaptureFd } from '@termin/testkit/log-capture';

const workerDir = path.resolve(import.meta.dirname, '../..');

/**
 * The worker as its own OS process (`node --import tsx src/main.ts`: one process, so a signal
 * reaches the worker itself and not a launcher in front of it).
 */
export class WorkerProcess {
  private stderr = '';
  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
  }

  /** `nodeArgs` go before the script, e.g. `--cpu-prof` for the benchmark's profile. */
  static start(env: Record<string, string>, nodeArgs: string[] = []): WorkerProcess {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      // Its log lines (stdout) are kept for the check of what was logged, when the runner asks for it.
      stdio: ['ignore', logCaptureFd('worker-process'), 'pipe'],
    });
    return new WorkerProcess(child);
  }

  get errors(): string {
    return this.stderr;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return { code: this.child.exitCode, signal: this.child.signalCode };
    }
    const exited = once(this.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    this.child.kill(signal);
    const [code, sig] = await exited;
    return { code, signal: sig };
  }
}
