// QR symbols of card tokens as §2.1 asks: two segments ('essc:/' in byte mode, the digits in
// numeric mode), error correction M, one symbol.
import QRCode from 'qrcode';
import { QR_PREFIX } from '../../shared/codec/numeric-qr';

function segmentsOf(qrText: string): QRCode.QRCodeSegment[] {
  if (!qrText.startsWith(QR_PREFIX) || !/^\d+$/.test(qrText.slice(QR_PREFIX.length))) {
    throw new RangeError('not an essc QR text');
  }
  return [
    { data: Buffer.from(QR_PREFIX, 'latin1'), mode: 'byte' },
    { data: qrText.slice(QR_PREFIX.length), mode: 'numeric' },
  ];
}

const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** The symbol as built (version, segments, EC level), for checks against §2.1. */
export function qrSymbolOf(qrText: string): QRCode.QRCode {
  return QRCode.create(segmentsOf(qrText), OPTIONS);
}

/** The symbol's version (1–40); §2.1 expects a typical card to fit version 20. */
export function qrVersionOf(qrText: string): number {
  return qrSymbolOf(qrText).version;
}

export function qrSvg(qrText: string): Promise<string> {
  return QRCode.toString(segmentsOf(qrText), { ...OPTIONS, type: 'svg' });
}

export function qrPng(qrText: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer(segmentsOf(qrText), { ...OPTIONS, type: 'png', width });
}

export function qrPngDataUrl(qrText: string, width = 480): Promise<string> {
  return QRCode.toDataURL(segmentsOf(qrText), { ...OPTIONS, type: 'image/png', width });
}

/** For a terminal: block characters, small enough for an 80-column window up to version ~20. */
export function qrTerminal(qrText: string): Promise<string> {
  return QRCode.toString(segmentsOf(qrText), { ...OPTIONS, type: 'terminal', small: true });
}
