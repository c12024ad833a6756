import QRCode from 'qrcode';

// Medium error correction survives a creased printout or a glare on a phone screen while
// keeping the modules large enough for cheap kiosk scanners; the 4-module margin is the
// quiet zone the QR standard asks for.
const options = { errorCorrectionLevel: 'M', margin: 4 } as const;

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...options, type: 'png', width: 320 });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}
