import { describe, expect, it } from 'vitest';
import { checkinUrl, qrPng, qrSvg } from '../src';
import { decodeQrPng } from './decode-qr';

describe('checkinUrl', () => {
  it('points at the citizen app check-in page for the booking code', () => {
    expect(checkinUrl('https://termine.example.org', 'K7M-4QX')).toBe('https://termine.example.org/checkin/K7M-4QX');
  });

  it('does not double the slash when the base URL ends with one', () => {
    expect(checkinUrl('https://termine.example.org/', 'K7M-4QX')).toBe('https://termine.example.org/checkin/K7M-4QX');
  });

  it('keeps an odd booking code inside its path segment', () => {
    expect(checkinUrl('https://t.example', 'a/b?c')).toBe('https://t.example/checkin/a%2Fb%3Fc');
  });
});

describe('QR codes', () => {
  it('renders a PNG that a scanner reads back as the check-in URL', async () => {
    const url = checkinUrl('https://termine.example.org', 'K7M-4QX');
    const png = await qrPng(url);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(decodeQrPng(png)).toBe(url);
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
