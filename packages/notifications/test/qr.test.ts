import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { citizenLinks, qrPng, qrSvg } from '../src';
import { decodeQrPng } from './decode-qr';

describe('citizenLinks', () => {
  it('points at the citizen app pages of the booking code', () => {
    expect(citizenLinks('https://termine.example.org', 'K7M-4QX')).toEqual({
      manage: 'https://termine.example.org/manage/K7M-4QX',
      cancel: 'https://termine.example.org/manage/K7M-4QX/cancel',
      checkin: 'https://termine.example.org/checkin/K7M-4QX',
    });
  });

  it('does not double the slash when the base URL ends with one', () => {
    expect(citizenLinks('https://termine.example.org/', 'K7M-4QX').checkin).toBe('https://termine.example.org/checkin/K7M-4QX');
  });

  it('keeps an odd booking code inside its path segment', () => {
    expect(citizenLinks('https://t.example', 'a/b?c').checkin).toBe('https://t.example/checkin/a%2Fb%3Fc');
    expect(citizenLinks('https://t.example', 'a/b?c').manage).toBe('https://t.example/manage/a%2Fb%3Fc');
  });
});

describe('QR codes', () => {
  it('renders a PNG that a scanner reads back as the check-in URL', async () => {
    const url = citizenLinks('https://termine.example.org', 'K7M-4QX').checkin;
    const png = await qrPng(url);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(decodeQrPng(png)).toBe(url);
  });

  it("draws exactly the pixels of qrcode's own PNG renderer, in a much smaller file", async () => {
    for (const url of [
      'https://t.example/checkin/AAA-111',
      'https://termine.example.org/checkin/ABCD-EFGH-JKMN-PQRS',
      `https://termine.example.org/checkin/${'X'.repeat(120)}`,
    ]) {
      const reference = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 4, type: 'png', width: 320 });
      const png = await qrPng(url);
      const [ours, theirs] = [PNG.sync.read(png), PNG.sync.read(reference)];
      expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
      expect(Buffer.compare(ours.data, theirs.data), url).toBe(0);
      expect(png.length).toBeLessThan(reference.length / 2);
    }
  });

  it('renders a scalable SVG for printing', async () => {
    const svg = await qrSvg('https://termine.example.org/checkin/K7M-4QX');
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
  });

  it('gives different codes different images', async () => {
    const a = await qrPng('https://t.example/checkin/AAA-111');
    const b = await qrPng('https://t.example/checkin/BBB-222');
    expect(decodeQrPng(a)).toBe('https://t.example/checkin/AAA-111');
    expect(decodeQrPng(b)).toBe('https://t.example/checkin/BBB-222');
  });
});
