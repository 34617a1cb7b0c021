// Scanning entry points for the UI (the ScanToolkit of renderer/app/kiosk-contract.ts).
export { createQrDecoder, decodeImageFile, type QrDecoder } from './qr-decoder';
export { listenForWedgeScans, DEFAULT_MAX_GAP_MS, type WedgeOptions } from './wedge-scanner';
