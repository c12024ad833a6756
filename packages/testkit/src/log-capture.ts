import { createWriteStream, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';

/**
 * The folder where every process a test starts keeps its log lines, for the check after the whole
 * suite that no citizen's name, e-mail address or phone number of the test data reached a log
 * (scripts/log-scan). The test runner sets it; a test run without it keeps no lines.
 */
export function logCaptureDir(): string | undefined {
  return process.env.TERMIN_LOG_CAPTURE_DIR || undefined;
}

let files = 0;
function captureFile(source: string): string | undefined {
  const dir = logCaptureDir();
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  files += 1;
  return path.join(dir, `${source}-${process.pid}-${files}.log`);
}

/** A stream for an in-process logger (the API's `logStream`, the worker's): its lines kept for the check. */
export function logCapture(source: string): Writable {
  const file = captureFile(source);
  if (!file) return new Writable({ write: (_chunk, _encoding, done) => done() });
  return createWriteStream(file, { flags: 'a' });
}

/**
 * A file descriptor for a child process's output (`stdio`), or 'ignore' without a capture folder.
 * The process writes into it itself, so what it logged is kept even when it is killed.
 */
export function logCaptureFd(source: string): number | 'ignore' {
  const file = captureFile(source);
  return file ? openSync(file, 'a') : 'ignore';
}
