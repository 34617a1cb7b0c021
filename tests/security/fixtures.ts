// Small build folders and sources for the security checkers, written to a temporary folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { listBuildFiles, type BuildFile } from '../../security/build-output';

const created: string[] = [];

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'essc-security-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes `files` (relative name → content) into a fresh folder and returns its path. */
export async function writeTree(files: Readonly<Record<string, string | Uint8Array>>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

export const WASM_HEADER = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** The smallest build that passes the bundle checks; override or add files per test. */
export function cleanBuild(overrides: Readonly<Record<string, string | Uint8Array>> = {}): Record<string, string | Uint8Array> {
  return {
    'main/index.js': 'import { app } from "electron";\napp.whenReady();\n',
    'preload/index.cjs': '"use strict";\n',
    'renderer/index.html': '<!doctype html><script type="module" src="./assets/index.js"></script>',
    'renderer/assets/index.js': 'const svg = "http://www.w3.org/2000/svg";\nnew Worker(new URL("./qr-worker.js", import.meta.url));\n',
    'renderer/assets/qr-worker.js': 'const wasm = new URL("./zxing_reader-abc.wasm", import.meta.url);\n',
    'renderer/assets/zxing_reader-abc.wasm': WASM_HEADER,
    ...overrides,
  };
}

export async function buildFixture(files: Readonly<Record<string, string | Uint8Array>>): Promise<{ dir: string; files: BuildFile[] }> {
  const dir = await writeTree(files);
  return { dir, files: await listBuildFiles(dir) };
}
