import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a log line must not hold: the citizens' names of the test data, any e-mail address and phone number. */
export interface PersonalData {
  names: { name: string; pattern: RegExp }[];
}

export function personalData(names: string[]): PersonalData {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A name counts where it stands as a word of its own, not inside a longer one.
  return { names: names.map((name) => ({ name, pattern: new RegExp(`(?<![\\p{L}\\d])${escape(name)}(?![\\p{L}\\d])`, 'u') })) };
}

/** Addresses that are no citizen's: the senders and placeholders the tests configure. */
const SYSTEM_ADDRESSES = new Set(['termine@demo.example', 'termin@localhost', 'noreply@example.org']);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// International (+49 151 …) and German mobile (0151…) numbers, as the tests and citizens write them.
const PHONE = /\+\d[\d ]{7,14}\d|\b01[5-7]\d{7,9}\b/g;

// Where the tests write a citizen's name: the booking contract's `citizen.name`, the worker's and
// seeds' `citizenName`, a `name` beside an e-mail, phone or start time, and the booking form's Name field.
const NAME_SOURCES = [
  /citizenName\s*:\s*['"`]([^'"`$]+)['"`]/g,
  /\bname\s*:\s*['"`]([^'"`$]+)['"`][^\n]*\b(?:email|phone|startsAt)\b/g,
  /\b(?:email|phone|startsAt)\b[^\n]*\bname\s*:\s*['"`]([^'"`$]+)['"`]/g,
  /getByLabel\('(?:Name|Full name|Vor- und Nachname)'[^)]*\)\.fill\('([^']+)'\)/g,
];

function testFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.') || entry === 'build' || entry === 'dist') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) testFiles(full, out);
    // Test files, and the helpers beside them in a test folder.
    else if (entry.endsWith('.ts') && (entry.endsWith('.test.ts') || /[\\/]tests?[\\/]/.test(full))) out.push(full);
  }
  return out;
}

/** The citizens' names the test suites book with, read from their sources (apps/, packages/). */
export function testCitizenNames(root: string): string[] {
  const names = new Set<string>();
  for (const top of ['apps', 'packages']) {
    for (const file of testFiles(path.join(root, top))) {
      const text = readFileSync(file, 'utf8');
      for (const source of NAME_SOURCES) {
        for (const match of text.matchAll(source)) {
          const name = match[1]!.trim();
          // A single short word (a role, a button) is no name to look for.
          if (name.length >= 3 && /^\p{Lu}/u.test(name)) names.add(name);
        }
      }
    }
  }
  return [...names].sort();
}

export interface Finding {
  kind: 'name' | 'e-mail address' | 'phone number';
  value: string;
}

/** The personal data in one log line. */
export function findPersonalData(line: string, data: PersonalData): Finding[] {
  const found: Finding[] = [];
  for (const { name, pattern } of data.names) if (pattern.test(line)) found.push({ kind: 'name', value: name });
  for (const [address] of line.matchAll(EMAIL)) if (!SYSTEM_ADDRESSES.has(address.toLowerCase())) found.push({ kind: 'e-mail address', value: address });
  for (const [phone] of line.matchAll(PHONE)) found.push({ kind: 'phone number', value: phone });
  return found;
}
