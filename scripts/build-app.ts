// `electron-vite build` as a child process (main, preload and renderer into out/).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './demo-environment';

export function buildApp(): Promise<void> {
  const cli = join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  console.log('building (electron-vite build)…');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`electron-vite build exited with ${code}`))));
  });
}
