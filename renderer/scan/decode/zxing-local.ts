// zxing-wasm, configured to load its .wasm from our own bundle. Its default locateFile points at
// a CDN: a kiosk must work offline and must never reach out, so the override is applied before
// any read can start (readQrCode below is the only entry point into zxing in the renderer).
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;

function prepareLocalModule(): void {
  if (prepared) return;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + path),
    },
    fireImmediately: false,
  });
  prepared = true;
}

const QR_ONLY: ReaderOptions = {
  formats: ['QRCode'],
  maxNumberOfSymbols: 1,
  // Phone screens photographed at a counter: tilted, moiré, glare. Worth the extra time per frame.
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
};

/** Decodes one QR code from pixels or from an encoded image file; null when none is found. */
export async function readQrCode(input: ImageData | Uint8Array): Promise<string | null> {
  prepareLocalModule();
  const results = await readBarcodes(input, QR_ONLY);
  const found = results.find((r) => r.isValid && r.text.length > 0);
  return found ? found.text : null;
}
