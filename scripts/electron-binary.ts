// Finds the Electron executable the `electron` npm package downloads on install. Installs made
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (as on the build machine) have the package but no binary.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

export function findElectronBinary(): ElectronBinary {
  let path: unknown;
  try {
    // The package's main export is the executable's path; it throws when the binary is missing.
    path = createRequire(import.meta.url)('electron');
  } catch (error) {
    return { found: false, reason: `the Electron binary is not installed (${firstLine(error)})` };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { found: false, reason: `the Electron binary is missing at ${String(path)}` };
  return { found: true, path };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
