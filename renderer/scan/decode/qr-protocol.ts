// Messages between the page and the QR worker.
export type DecodeRequest =
  | { readonly id: number; readonly kind: 'frame'; readonly frame: ImageData | ImageBitmap }
  | { readonly id: number; readonly kind: 'file'; readonly bytes: ArrayBuffer };

export interface DecodeReply {
  readonly id: number;
  readonly text: string | null;
  readonly error?: string;
}
