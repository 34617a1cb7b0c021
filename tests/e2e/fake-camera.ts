// A fake camera for Chromium (--use-file-for-fake-video-capture): a QR code PNG made with the
// `qrcode` package, decoded with pngjs, scaled onto a grey frame and written as YUV4MPEG2
// (header + one "FRAME" per picture, planes Y then U then V, 4:2:0 subsampled).
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';

/** §2.1: `essc:/` in byte mode, the digits in numeric mode, error correction M. */
export async function cardQrPng(qrText: string): Promise<Buffer> {
  const prefix = qrText.slice(0, 6);
  const digits = qrText.slice(6);
  const segments: QRCode.QRCodeSegment[] = [
    { data: Buffer.from(prefix, 'ascii'), mode: 'byte' },
    { data: digits, mode: 'numeric' },
  ];
  return QRCode.toBuffer(segments, { errorCorrectionLevel: 'M', margin: 4, scale: 4, type: 'png' });
}

export async function textQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, scale: 6, type: 'png' });
}

interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

function decodePng(png: Buffer): Rgba {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: image.data };
}

/** Places the picture centred, scaled by an integer factor to fill at most `fill` of the height. */
function composeLuma(picture: Rgba, width: number, height: number, fill: number): Uint8Array {
  const luma = new Uint8Array(width * height).fill(128);
  const scale = Math.max(1, Math.floor((height * fill) / picture.height));
  const w = picture.width * scale;
  const h = picture.height * scale;
  const left = Math.floor((width - w) / 2);
  const top = Math.floor((height - h) / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (Math.floor(y / scale) * picture.width + Math.floor(x / scale)) * 4;
      const r = picture.data[i]!;
      const g = picture.data[i + 1]!;
      const b = picture.data[i + 2]!;
      // BT.601 full-range luma, matching C420jpeg.
      luma[(top + y) * width + left + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  return luma;
}

export function y4mFromLuma(luma: Uint8Array, width: number, height: number, frames: number, fps = 10): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128); // grey: no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), Buffer.from(luma), chroma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

/** Writes a y4m showing `png` to `path`; returns the frame size. */
export async function writeFakeCameraFile(path: string, png: Buffer, width = 1280, height = 720): Promise<void> {
  const luma = composeLuma(decodePng(png), width, height, 0.85);
  await writeFile(path, y4mFromLuma(luma, width, height, 10));
}
