import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

// Medium error correction survives a creased printout or a glare on a phone screen while
// keeping the modules large enough for cheap kiosk scanners; the 4-module margin is the
// quiet zone the QR standard asks for.
const options = { errorCorrectionLevel: 'M', margin: 4 } as const;
const PNG_WIDTH = 320;

/**
 * The check-in code as a black-and-white PNG, `PNG_WIDTH` pixels wide. The pixels are the ones
 * qrcode's own PNG renderer draws, but written as a 1-bit greyscale image: qrcode writes 8-bit RGBA
 * and lets pngjs try every row filter, which cost more CPU than everything else in a confirmation
 * e-mail (apps/worker/BENCHMARK.md), for a file ten times the size.
 */
export async function qrPng(text: string): Promise<Buffer> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel });
  return encodeQrPng(modules.size, modules.data, options.margin, PNG_WIDTH);
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}

/** qrcode's geometry (lib/renderer/utils.js: scale, image width, pixel → module), 1 bit a pixel. */
function encodeQrPng(size: number, dark: ArrayLike<number | boolean>, margin: number, width: number): Buffer {
  const scale = width >= size + margin * 2 ? width / (size + margin * 2) : 4;
  const pixels = Math.floor((size + margin * 2) * scale);
  const scaledMargin = margin * scale;
  const rowBytes = 1 + Math.ceil(pixels / 8); // filter byte "none", then the pixels, 1 = white
  const raw = Buffer.alloc(rowBytes * pixels);
  // Which module each pixel column shows, -1 in the quiet zone: the same for every row.
  const column = new Int32Array(pixels);
  for (let x = 0; x < pixels; x++) {
    column[x] = x >= scaledMargin && x < pixels - scaledMargin ? Math.floor((x - scaledMargin) / scale) : -1;
  }
  // Rows showing the same module row are the same bytes: each is drawn once, then copied.
  const drawn = new Map<number, number>();
  for (let y = 0; y < pixels; y++) {
    const row = y >= scaledMargin && y < pixels - scaledMargin ? Math.floor((y - scaledMargin) / scale) : -1;
    const offset = y * rowBytes;
    const same = drawn.get(row);
    if (same !== undefined) {
      raw.copy(raw, offset, same, same + rowBytes);
      continue;
    }
    drawn.set(row, offset);
    for (let x = 0; x < pixels; x++) {
      const isDark = row >= 0 && column[x]! >= 0 && Boolean(dark[row * size + column[x]!]);
      if (!isDark) raw[offset + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(pixels, 0);
  header.writeUInt32BE(pixels, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
