import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import type { AxeResults, Result as AxeViolation } from 'axe-core';
import getPort from 'get-port';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from 'playwright-core';
import { missingToolError, pnpmCommand } from './toolchain';
import { logCapture } from './log-capture';

export type { AxeViolation };

const require = createRequire(import.meta.url);

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Starts the system Chromium (env CHROMIUM_PATH, else the Debian location). Playwright gives each
 * launch a fresh temporary profile directory and deletes it on close, so runs never share state.
 * `args` adds flags, e.g. a fake camera playing a video file.
 */
export async function launchBrowser(options: { args?: string[] } = {}): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw missingToolError(`Chromium (${executablePath})`, 'apt-get install chromium, or set CHROMIUM_PATH');
  }
  return chromium.launch({ executablePath, headless: true, args: [...chromiumFlags, ...(options.args ?? [])] });
}

export interface BuiltApp {
  url: string;
  stop(): Promise<void>;
}

export interface StartBuiltAppOptions {
  /** Folder of the SvelteKit app whose `build/` (adapter-node output) is started. */
  appDir: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for `/health` to answer. */
  timeoutMs?: number;
}

/** Runs `node build` of a SvelteKit app on a free port and resolves once its `/health` answers. */
export async function startBuiltApp(options: StartBuiltAppOptions): Promise<BuiltApp> {
  const port = options.port ?? (await getPort());
  const host = '127.0.0.1';
  const url = `http://${host}:${port}`;
  const child = spawn(process.execPath, ['build'], {
    cwd: options.appDir,
    // adapter-node assumes https unless ORIGIN says otherwise, which would mark cookies Secure and
    // make SvelteKit's CSRF check reject form posts from the plain-http test origin.
    env: { ...process.env, ORIGIN: url, ...options.env, PORT: String(port), HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const kept = logCapture(`web-${basename(options.appDir)}`);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      kept.write(chunk);
    });
  }

  const stop = () => stopProcess(child);
  try {
    await waitForHealth(`${url}/health`, child, options.timeoutMs ?? 20_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- app output ---\n${output.join('')}`);
  }
  return { url, stop };
}

async function waitForHealth(healthUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with code ${child.exitCode} before ${healthUrl} answered`);
    try {
      const response = await fetch(healthUrl);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${healthUrl} did not answer within ${timeoutMs} ms`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface EnsureAppBuiltOptions {
  /** Folders and files, relative to appDir, whose changes make the build stale (default: appSources). */
  sources?: string[];
}

/**
 * What an app's build is made of: its own sources and config, and the sources of every workspace
 * package it depends on at run time, directly or through another (read from the package.json
 * files), so a change to any of them builds it again and a change to a test helper does not.
 */
export function appSources(appDir: string): string[] {
  const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
  const packagesDir = resolve(appDir, '../../packages');
  const byName = new Map(
    readdirSync(packagesDir)
      .map((entry) => join(packagesDir, entry))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => [manifest(dir).name, dir] as const),
  );
  const found = new Set<string>();
  const visit = (dir: string) => {
    for (const name of Object.keys(manifest(dir).dependencies ?? {})) {
      const dependency = byName.get(name);
      if (dependency && !found.has(dependency)) {
        found.add(dependency);
        visit(dependency);
      }
    }
  };
  visit(appDir);
  return ['src', 'svelte.config.js', 'vite.config.ts', 'package.json', ...[...found].map((dir) => join(dir, 'src'))];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Builds the app with its `build` script when `build/` is missing or older than its sources, so a
 * fresh clone tests the real production server and an edited one never tests yesterday's build.
 * Test files run in parallel processes: one builds while the others wait for it (a lock directory
 * beside the build), instead of every file building the same app at once.
 */
export async function ensureAppBuilt(appDir: string, options: EnsureAppBuiltOptions = {}): Promise<void> {
  const marker = join(appDir, 'build', 'index.js');
  const sources = (options.sources ?? appSources(appDir)).map((source) => resolve(appDir, source));
  const fresh = () => existsSync(marker) && newestMtime(sources) <= statSync(marker).mtimeMs;
  if (fresh()) return;

  const lock = join(appDir, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run: no build takes ten minutes.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 600_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (!fresh()) await runBuild(appDir);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function runBuild(appDir: string): Promise<void> {
  const [command, ...prefix] = pnpmCommand();
  const child = spawn(command!, [...prefix, 'run', 'build'], { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const failed = once(child, 'error').then(([error]) => {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? missingToolError(`pnpm (${command})`, 'npm install -g pnpm, or run the tests with npm test') : error;
  });
  const [code] = await Promise.race([exited, failed]);
  if (code !== 0) throw new Error(`build of ${appDir} failed with code ${code}\n${output.join('')}`);
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(path).map((entry) => join(path, entry))));
    }
  }
  return newest;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The natural width of the image `img` shows once it has loaded, 0 when it failed. A page that
 * was reached by client-side navigation may still be fetching its images, so this waits for the
 * image's own load or error event instead of reading `complete` at once.
 */
export async function loadedImageWidth(img: Locator): Promise<number> {
  return img.evaluate(
    (element: unknown) =>
      new Promise<number>((resolve) => {
        // The image's own fields: this package is compiled without the DOM's types.
        const i = element as { complete: boolean; naturalWidth: number; addEventListener(type: string, listener: () => void, options: object): void };
        if (i.complete) return resolve(i.naturalWidth);
        i.addEventListener('load', () => resolve(i.naturalWidth), { once: true });
        i.addEventListener('error', () => resolve(0), { once: true });
      }),
  );
}

// Pages made by `withoutScripts`, with the DevTools session that switches their scripts off.
const scriptless = new WeakMap<Page, CDPSession>();

/**
 * Makes `page` behave as in a context with `javaScriptEnabled: false` (Chromium's same switch),
 * from its next navigation on: the app's scripts never run, forms post and links load whole pages.
 * Unlike that context option, `checkA11y` can still run axe on it: it lifts the switch for the
 * run only, after the page was parsed and laid out without scripts, so axe sees exactly what a
 * browser without JavaScript shows (`<noscript>` content included).
 */
export async function withoutScripts(page: Page): Promise<Page> {
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setScriptExecutionDisabled', { value: true });
  scriptless.set(page, session);
  return page;
}

/**
 * Runs axe-core against the page as it is now and returns the WCAG 2.1 A/AA violations found.
 * axe needs timers: the page's context must have JavaScript enabled (for a page without scripts,
 * use `withoutScripts` instead of the context option).
 */
export async function checkA11y(page: Page, options: { bestPractice?: boolean } = {}): Promise<AxeViolation[]> {
  const session = scriptless.get(page);
  if (session) await session.send('Emulation.setScriptExecutionDisabled', { value: false });
  try {
    await assertTimersRun(page);
    const tags = options.bestPractice ? [...wcagTags, 'best-practice'] : wcagTags;
    // Once per document: a page the app's router changed in place still has it.
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
    return await page.evaluate(async (tags) => {
      const axe = (globalThis as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe;
      // Only violations are wanted: axe then skips describing every node that passed.
      const results = await axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return results.violations;
    }, tags);
  } finally {
    if (session) await session.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
}

// Without this, axe would wait forever on a context created with javaScriptEnabled: false.
async function assertTimersRun(page: Page): Promise<void> {
  const timerFired = page.evaluate(() => new Promise<boolean>((done) => setTimeout(() => done(true), 0)));
  const gaveUp = new Promise<boolean>((done) => setTimeout(() => done(false), 2_000));
  if (!(await Promise.race([timerFired, gaveUp]))) {
    throw new Error('checkA11y needs a browser context with JavaScript enabled (or a page made by withoutScripts)');
  }
}

/**
 * Fills in the identity provider's sign-in form (the development provider and Keycloak both use
 * the field ids `username` and `password`) and waits until the browser is back at `appUrl`.
 */
export async function signInThroughProvider(page: Page, user: { username: string; password: string }, appUrl: string): Promise<void> {
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await Promise.all([page.waitForURL((url) => url.href.startsWith(appUrl), { timeout: 15_000 }), page.locator('button[type=submit]').click()]);
  await page.waitForLoadState('networkidle');
}
