// Module Web Worker running zxing-wasm, so decoding never blocks the UI thread.
import { readQrCode } from './zxing-local';
import type { DecodeReply, DecodeRequest } from './qr-protocol';

// The DOM lib has no worker-scope types here: name the two members we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeReply): void;
};

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  let reply: DecodeReply;
  try {
    const input = request.kind === 'file' ? new Uint8Array(request.bytes) : toImageData(request.frame);
    reply = { id: request.id, text: await readQrCode(input) };
  } catch (err) {
    reply = { id: request.id, text: null, error: String(err) };
  }
  scope.postMessage(reply);
};

function toImageData(frame: ImageData | ImageBitmap): ImageData {
  if (!('close' in frame)) return frame;
  try {
    const canvas = new OffscreenCanvas(frame.width, frame.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context in worker');
    ctx.drawImage(frame, 0, 0);
    return ctx.getImageData(0, 0, frame.width, frame.height);
  } finally {
    frame.close();
  }
}
