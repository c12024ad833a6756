import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`): YUV4MPEG2 with
 * 4:2:0 chroma, the PNG drawn in the middle of a white frame. The format is a text header, then per
 * frame "FRAME\n" and the Y, U and V planes; a grey picture needs only luma (chroma stays 128).
 */
export function writeY4mFromPng(png: Buffer, path: string, options: { width?: number; height?: number; frames?: number } = {}): void {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 5;
  const image = PNG.sync.read(png);
  if (image.width > width || image.height > height) throw new Error('the picture is larger than the frame');

  const luma = Buffer.alloc(width * height, 255);
  const left = Math.floor((width - image.width) / 2);
  const top = Math.floor((height - image.height) / 2);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const alpha = image.data[i + 3]! / 255;
      const grey = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      luma[(top + y) * width + left + x] = Math.round(grey * alpha + 255 * (1 - alpha));
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
