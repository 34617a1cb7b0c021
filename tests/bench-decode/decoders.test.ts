// The decoder adapters compared by bench:decode read what they should, read nothing from an empty
// frame, and zxing-wasm works with no network at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsQrDecoder, createZxingLibraryDecoder, createZxingWasmDecoder, type Decoder, type RgbaFrame } from '../../bench/decode/decoders';
import { printedSymbol as printedSymbolFrame, synthesizeFrame } from '../../bench/decode/frames';
import { benchTokens, qrSymbolOf } from '../../bench/decode/tokens';

let text: string;
let decoders: Decoder[];
let fetchCalls = 0;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  // Installed before zxing-wasm is prepared: any CDN lookup would land here.
  globalThis.fetch = (() => {
    fetchCalls++;
    return Promise.reject(new Error('offline'));
  }) as typeof fetch;
  const dir = mkdtempSync(join(tmpdir(), 'bench-decode-'));
  text = (await benchTokens(3, 1, join(dir, 'tokens.json'))).texts[0]!;
  rmSync(dir, { recursive: true, force: true });
  decoders = [await createZxingWasmDecoder(), createZxingLibraryDecoder(false), createZxingLibraryDecoder(true), createJsQrDecoder('dontInvert'), createJsQrDecoder('attemptBoth')];
});

afterAll(() => {
  globalThis.fetch = realFetch;
});

async function printedSymbol(qrText: string): Promise<RgbaFrame> {
  const png = PNG.sync.read(
    await QRCode.toBuffer(
      [
        { data: Buffer.from('essc:/', 'latin1'), mode: 'byte' },
        { data: qrText.slice('essc:/'.length), mode: 'numeric' },
      ],
      { errorCorrectionLevel: 'M', type: 'png', scale: 5, margin: 4 },
    ),
  );
  return { width: png.width, height: png.height, rgba: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
}

describe('decoder adapters', () => {
  it('all read a clean printed small essc symbol to the exact text (wiring, not robustness)', async () => {
    const small = `essc:/${'0123456789'.repeat(20)}`;
    const frame = await printedSymbol(small);
    for (const decoder of decoders) expect(await decoder.decode(frame), decoder.name).toBe(small);
  });

  it('zxing-wasm and jsQR read a clean printed full card symbol (version 16–18)', async () => {
    const printed = printedSymbolFrame(qrSymbolOf(text), 4);
    expect(await decoders[0]!.decode(printed)).toBe(text);
    expect(await decoders[3]!.decode(printed)).toBe(text);
  });

  it('read nothing from a frame without a symbol', async () => {
    const rgba = new Uint8ClampedArray(640 * 360 * 4).fill(128);
    for (const decoder of decoders) expect(await decoder.decode({ width: 640, height: 360, rgba }), decoder.name).toBeNull();
  });

  it('zxing-wasm reads a synthesized face-on frame at 3 and 6 px per module, without any fetch', async () => {
    const symbol = qrSymbolOf(text);
    for (const modulePx of [3, 6]) {
      const frame = synthesizeFrame(1, 0, symbol, { modulePx, tiltDeg: 0, rollDeg: 0, blurSigma: 0.3, noiseSigma: 1, glarePeak: 0 });
      expect(await decoders[0]!.decode(frame), `${modulePx} px`).toBe(text);
    }
    expect(fetchCalls).toBe(0);
  });

  it('no decoder reads 3 px modules under a 3 px blur (degradations really degrade)', async () => {
    const frame = synthesizeFrame(1, 0, qrSymbolOf(text), { modulePx: 3, tiltDeg: 0, rollDeg: 0, blurSigma: 3, noiseSigma: 1, glarePeak: 0 });
    for (const decoder of decoders) expect(await decoder.decode(frame), decoder.name).not.toBe(text);
  });
});
