// Gathers our Electron-side sources and runs the source-fact checks over them.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CheckResult } from './check-result';
import { checkEnableSandbox, checkNoInsecureSwitches, checkNoOpenExternal, checkPreloadBridge, checkWebPreferences, type SourceFile } from './electron-source-facts';

/** The Electron main entry electron.vite.config.ts builds (main.build.rolldownOptions.input). */
export const MAIN_ENTRY = 'electron/main/index.ts';

export async function readTypeScriptSources(repoRoot: string, folders: readonly string[]): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) {
        files.push({ name: relative(repoRoot, path).split('\\').join('/'), text: await readFile(path, 'utf8') });
      }
    }
  };
  for (const folder of folders) await walk(join(repoRoot, folder));
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

export async function runSourceChecks(repoRoot: string): Promise<CheckResult[]> {
  const electron = await readTypeScriptSources(repoRoot, ['electron']);
  // host-core runs in Electron main too (config, transport, static files).
  const mainSide = [...electron, ...(await readTypeScriptSources(repoRoot, ['host-core']))];
  return [
    checkEnableSandbox(electron, MAIN_ENTRY),
    checkWebPreferences(electron),
    checkNoOpenExternal(mainSide),
    checkPreloadBridge(electron.filter((file) => file.name.startsWith('electron/preload/'))),
    checkNoInsecureSwitches(mainSide),
  ];
}
