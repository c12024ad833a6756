import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPersonalData, personalData, testCitizenNames } from './personal-data';

const root = path.resolve(import.meta.dirname, '../..');
const dir = process.env.TERMIN_LOG_CAPTURE_DIR;
const names = testCitizenNames(root);
const data = personalData(names);

function keptLines(): { source: string; line: string }[] {
  if (!dir) return [];
  return readdirSync(dir).flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ source: file.replace(/-\d+-\d+\.log$/, ''), line })),
  );
}

describe('the scan', () => {
  it("knows the test data's citizens and finds their names, addresses and numbers in a line", () => {
    expect(names).toEqual(expect.arrayContaining(['Erika Mustermann', 'Max Mustermann']));
    const line = '{"level":30,"msg":"booked","who":"Erika Mustermann","to":"erika@example.org","sms":"+4915112345678"}';
    expect(findPersonalData(line, data)).toEqual(
      expect.arrayContaining([
        { kind: 'name', value: 'Erika Mustermann' },
        { kind: 'e-mail address', value: 'erika@example.org' },
        { kind: 'phone number', value: '+4915112345678' },
      ]),
    );
    // The sender and a name inside a longer word are no finding; nor is a timestamp.
    expect(findPersonalData('{"time":1765112345678,"from":"termine@demo.example","msg":"Maxima"}', personalData(['Max']))).toEqual([]);
  });
});

describe('after the whole suite, the log lines it kept', () => {
  const lines = keptLines();

  it('come from the API, the worker and the web apps', () => {
    expect(dir, 'the folder scripts/run-tests.ts keeps the lines in (TERMIN_LOG_CAPTURE_DIR)').toBeTruthy();
    const sources = new Set(lines.map((l) => l.source));
    for (const source of ['api', 'worker', 'worker-process', 'web-citizen', 'web-staff', 'web-admin']) expect(sources, source).toContain(source);
    // The API logs every request it answers: a suite that booked, managed and checked in wrote thousands.
    expect(lines.filter((l) => l.source === 'api').length).toBeGreaterThan(1000);
  });

  it("hold no citizen's name, e-mail address or phone number of the test data", () => {
    const findings = lines.flatMap(({ source, line }) => findPersonalData(line, data).map((f) => `${source}: ${f.kind} "${f.value}" in ${line.slice(0, 300)}`));
    expect(findings).toEqual([]);
  });
});
