import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads a QR code PNG the way a scanner would: from pixels, not from our own encoder's data. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return result?.data ?? null;
}
