// Builds the renderer with Vite into a folder, the same way electron-vite builds it for the app.
import { resolve } from 'node:path';
import { build } from 'vite';
import { rendererPlugins, rendererWorkerPlugins } from '../../tooling/renderer-plugins';

const ROOT = resolve(import.meta.dirname, '../..');

export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    root: resolve(ROOT, 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: rendererPlugins(),
    worker: { plugins: rendererWorkerPlugins },
    build: { outDir, emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
  });
}
