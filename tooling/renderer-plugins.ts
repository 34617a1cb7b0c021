// Vite plugins of the renderer build, shared by electron-vite (the app) and the tests that build
// the renderer themselves, so both ship the same bytes.
import react from '@vitejs/plugin-react';
import type { Plugin, PluginOption } from 'vite';

const ZXING_CDN_PREFIX = /https:\/\/fastly\.jsdelivr\.net\/npm\/zxing-wasm@[^/`'"]+\/dist\//g;

/**
 * zxing-wasm's default locateFile points at a CDN. The renderer overrides it at run time
 * (renderer/scan/decode/zxing-local.ts), but the address would still ship in the bundle; an
 * offline kiosk must not even carry it, so it is rewritten to a relative path at build time.
 */
export function zxingWithoutCdnFallback(): Plugin {
  return {
    name: 'essc:zxing-without-cdn-fallback',
    transform(code, id) {
      if (!/[\\/]zxing-wasm[\\/]dist[\\/]/.test(id) || !code.includes('fastly.jsdelivr.net')) return null;
      return { code: code.replace(ZXING_CDN_PREFIX, './'), map: null };
    },
  };
}

export function rendererPlugins(): PluginOption[] {
  return [react(), zxingWithoutCdnFallback()];
}

/** Module workers (the QR decoder) are bundled separately and need the rewrite too. */
export function rendererWorkerPlugins(): Plugin[] {
  return [zxingWithoutCdnFallback()];
}
