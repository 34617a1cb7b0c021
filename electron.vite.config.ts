import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererPlugins, rendererWorkerPlugins } from './tooling/renderer-plugins';

export default defineConfig({
  main: {
    build: {
      // Bundle zod, electron-log and electron-updater into out/main so the packaged app needs no
      // node_modules at all (electron-builder.yml packages out/** only).
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload is evaluated as a classic script with a limited require(): it can load
    // neither ES modules nor sibling chunks. So: one self-contained CommonJS file, index.cjs,
    // whatever package.json "type" says (electron-vite would otherwise emit index.mjs).
    build: {
      isolatedEntries: true,
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: rendererPlugins(),
    worker: { plugins: rendererWorkerPlugins },
    build: { rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
  },
});
