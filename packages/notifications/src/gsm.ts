// GSM 03.38 default alphabet. Text limited to it fits 160 characters into one SMS; a single
// character outside it switches the whole message to UCS-2 and cuts a segment to 70.
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Reachable through an escape code, so each one costs two of the 160 septets.
const EXTENSION = '^{}\\[~]|€';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

const lookalikes: Record<string, string> = {
  '„': '"',
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '‚': "'",
  '‘': "'",
  '’': "'",
  '´': "'",
  '`': "'",
  '–': '-',
  '—': '-',
  '‐': '-',
  '…': '...',
  // Turkish dotless and dotted i have no decomposition onto a GSM letter.
  ı: 'i',
  İ: 'I',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

/** Rewrites text into the GSM alphabet: typographic marks become ASCII, other accents are dropped. */
export function toGsm(text: string): string {
  let out = '';
  for (const char of text) {
    if (basic.has(char) || extension.has(char)) {
      out += char;
    } else if (lookalikes[char] !== undefined) {
      out += lookalikes[char];
    } else {
      // e.g. "á" → "a", "ł" has no decomposition and becomes "?"
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += [...base].every((c) => basic.has(c)) && base.length > 0 ? base : '?';
    }
  }
  return out;
}

export function isGsm(text: string): boolean {
  return [...text].every((c) => basic.has(c) || extension.has(c));
}

/** Length in GSM septets, the unit the 160 limit counts. */
export function gsmLength(text: string): number {
  let length = 0;
  for (const char of text) length += extension.has(char) ? 2 : 1;
  return length;
}
