// The production build the gate inspects. By default a fresh `electron-vite build` into a folder of
// its own (tmp/security-build): never a stale out/, and never clobbering the out/ that the dev
// launcher and the e2e tests of other work use at the same time. Same config, same bytes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

export const BUILD_AREAS = ['main', 'preload', 'renderer'] as const;
export type BuildArea = (typeof BUILD_AREAS)[number];

export interface BuildFile {
  readonly path: string;
  /** Relative to the build folder, with forward slashes (e.g. `renderer/assets/index-x.js`). */
  readonly name: string;
  readonly area: BuildArea | null;
}

export class BuildFailedError extends Error {
  override readonly name = 'BuildFailedError';
}

export async function buildWithElectronVite(repoRoot: string, outDir: string): Promise<void> {
  // Stale files of an earlier build must not be inspected as if they were part of this one.
  for (const area of BUILD_AREAS) await rm(join(outDir, area), { recursive: true, force: true });
  // An absolute outDir: electron-vite resolves a relative one against each target's root, which
  // for the renderer is renderer/, so a relative path would write inside the sources.
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', resolve(outDir), '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new BuildFailedError(`electron-vite build failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  for (const area of BUILD_AREAS) {
    if (!existsSync(join(outDir, area))) throw new BuildFailedError(`electron-vite build produced no ${area}/ in ${outDir}`);
  }
}

export async function listBuildFiles(buildDir: string): Promise<BuildFile[]> {
  const files: BuildFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const name = relative(buildDir, path).split('\\').join('/');
        const top = name.split('/', 1)[0];
        files.push({ path, name, area: BUILD_AREAS.find((a) => a === top) ?? null });
      }
    }
  };
  await walk(buildDir);
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
