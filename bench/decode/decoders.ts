// The QR decoders under comparison, each behind the same call: RGBA camera frame in, text out.
// Every decoder starts from the same RGBA buffer (what canvas.getImageData hands the kiosk) and
// pays for its own grayscale conversion; none gets a hint the kiosk would not have (no PURE_BARCODE,
// no crop, no expected version or position).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import jsQR from 'jsqr';
import { prepareZXingModule, readBarcodes, ZXING_WASM_SHA256, ZXING_WASM_VERSION } from 'zxing-wasm/reader';

export interface RgbaFrame {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

export interface Decoder {
  readonly name: string;
  readonly settings: string;
  /** Decoded text of the one QR symbol found, or null. */
  decode(frame: RgbaFrame): Promise<string | null>;
}

/**
 * zxing-wasm's reader with its .wasm read from node_modules. The package's default locateFile
 * points at a CDN; here the binary is handed over directly (wasmBinary) and locateFile names only
 * the local file, so the module is never fetched. The bytes are checked against the package's own SHA-256.
 */
export async function createZxingWasmDecoder(): Promise<Decoder> {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
  const wasm = readFileSync(wasmPath);
  const digest = createHash('sha256').update(wasm).digest('hex');
  if (digest !== ZXING_WASM_SHA256) throw new Error(`zxing_reader.wasm digest ${digest} does not match zxing-wasm ${ZXING_WASM_VERSION}`);
  await prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
      // Consulted for the name even when wasmBinary is given; it must never yield a URL.
      locateFile: (file: string) => {
        if (file === 'zxing_reader.wasm') return wasmPath;
        throw new Error(`zxing-wasm asked for ${file}; only the bundled binary may be used`);
      },
    },
    fireImmediately: true,
  });
  const options = { formats: ['QRCode' as const], maxNumberOfSymbols: 1 };
  return {
    name: 'zxing-wasm',
    settings: `${ZXING_WASM_VERSION} reader, QRCode only, 1 symbol, defaults (tryHarder)`,
    async decode({ width, height, rgba }) {
      // readBarcodes takes anything shaped like ImageData ({ data, width, height }); Node has no ImageData.
      const results = await readBarcodes({ data: rgba, width, height } as unknown as ImageData, options);
      return results[0]?.text ?? null;
    },
  };
}

/** RGBA → luminance exactly as @zxing/browser's HTMLCanvasElementLuminanceSource does it. */
function canvasLuminance({ width, height, rgba }: RgbaFrame): Uint8ClampedArray {
  const gray = new Uint8ClampedArray(width * height);
  for (let i = 0, o = 0; i < gray.length; i++, o += 4) {
    gray[i] = rgba[o + 3] === 0 ? 0xff : (306 * rgba[o]! + 601 * rgba[o + 1]! + 117 * rgba[o + 2]! + 0x200) >> 10;
  }
  return gray;
}

/** @zxing/library as @zxing/browser's BrowserQRCodeReader drives it: HybridBinarizer + QRCodeReader. */
export function createZxingLibraryDecoder(tryHarder: boolean): Decoder {
  const reader = new QRCodeReader();
  const hints = new Map<DecodeHintType, unknown>();
  if (tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
  return {
    name: tryHarder ? '@zxing/library +TRY_HARDER' : '@zxing/library',
    settings: `HybridBinarizer + QRCodeReader${tryHarder ? ', TRY_HARDER' : ', no hints'}`,
    decode(frame) {
      const source = new RGBLuminanceSource(canvasLuminance(frame), frame.width, frame.height);
      try {
        return Promise.resolve(reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText());
      } catch {
        // NotFound / Checksum / Format exceptions are its way of saying "no read".
        return Promise.resolve(null);
      } finally {
        reader.reset();
      }
    },
  };
}

export function createJsQrDecoder(inversion: 'attemptBoth' | 'dontInvert'): Decoder {
  return {
    name: inversion === 'attemptBoth' ? 'jsQR' : 'jsQR (dontInvert)',
    settings: `inversionAttempts: ${inversion}${inversion === 'attemptBoth' ? ' (default)' : ''}`,
    decode({ width, height, rgba }) {
      return Promise.resolve(jsQR(rgba, width, height, { inversionAttempts: inversion })?.data ?? null);
    },
  };
}
