// Builds the renderer with Vite into a folder, the same way electron-vite builds it for the app.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');

export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    root: resolve(ROOT, 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
  });
}
