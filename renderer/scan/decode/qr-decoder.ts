// Page side of the QR worker. Camera frames are transferred (not copied) and dropped while a
// decode is running: queueing would make the result lag behind the camera and grow memory.
import type { DecodeReply, DecodeRequest } from './qr-protocol';

export interface QrDecoder {
  /**
   * Decodes one frame; resolves null when no QR code is found or when the decoder is busy (the
   * frame is then dropped). The frame is transferred: an ImageBitmap is closed and an ImageData's
   * buffer detached after the call.
   */
  decode(frame: ImageBitmap | ImageData): Promise<string | null>;
  /** Decodes an image file (PNG, JPEG…) in the worker. */
  decodeFile(file: Blob): Promise<string | null>;
  readonly busy: boolean;
  dispose(): void;
}

function startWorker(): Worker {
  return new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module', name: 'essc-qr-decoder' });
}

export function createQrDecoder(): QrDecoder {
  let worker: Worker | null = startWorker();
  let nextId = 1;
  let pending: { id: number; resolve: (text: string | null) => void; reject: (err: Error) => void } | null = null;

  worker.onmessage = (event: MessageEvent<DecodeReply>) => {
    const reply = event.data;
    if (!pending || reply.id !== pending.id) return;
    const { resolve } = pending;
    pending = null;
    resolve(reply.text);
  };
  worker.onerror = (event) => {
    const current = pending;
    pending = null;
    current?.reject(new Error(`QR worker failed: ${event.message}`));
  };

  function send(request: DecodeRequest, transfer: Transferable[]): Promise<string | null> {
    if (!worker) return Promise.reject(new Error('QR decoder disposed'));
    const live = worker;
    return new Promise((resolve, reject) => {
      pending = { id: request.id, resolve, reject };
      live.postMessage(request, transfer);
    });
  }

  return {
    get busy() {
      return pending !== null;
    },
    decode(frame) {
      if (!worker || pending) {
        if ('close' in frame) frame.close();
        return Promise.resolve(null);
      }
      const transfer: Transferable[] = 'close' in frame ? [frame] : [frame.data.buffer as ArrayBuffer];
      return send({ id: nextId++, kind: 'frame', frame }, transfer);
    },
    async decodeFile(file) {
      if (pending) throw new Error('QR decoder busy');
      const bytes = await file.arrayBuffer();
      return send({ id: nextId++, kind: 'file', bytes }, [bytes]);
    },
    dispose() {
      worker?.terminate();
      worker = null;
      const current = pending;
      pending = null;
      current?.resolve(null);
    },
  };
}

/** Decodes a QR code from an image file (a photo or screenshot an officer picked). */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const decoder = createQrDecoder();
  try {
    return await decoder.decodeFile(file);
  } finally {
    decoder.dispose();
  }
}
