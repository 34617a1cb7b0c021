// `npm start`: the demo. Starts the reference Work System (demo data), writes the kiosk config
// (demo anchors, Work System URL, one-time enrollment code), builds, and launches Electron. When
// the Electron binary is not installed it says so and runs the browser host instead (npm run web).
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, demoPaths, onShutdown, startDemoWorkSystem, writeDemoKioskConfig } from './demo-environment';
import { buildApp } from './build-app';
import { findElectronBinary } from './electron-binary';
import { runWeb } from './web';

async function main(): Promise<void> {
  const build = !process.argv.includes('--no-build');
  const electron = findElectronBinary();
  if (!electron.found) {
    console.warn(
      [
        `Cannot launch Electron: ${electron.reason}.`,
        '  (node_modules/electron was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or its download failed;',
        '   to install it: node node_modules/electron/install.js)',
        'Falling back to the browser host: same demo, same host API, in your browser.',
      ].join('\n'),
    );
    await runWeb({ build });
    return;
  }

  if (build) await buildApp();
  const paths = demoPaths();
  const workSystem = await startDemoWorkSystem(paths);
  const running: { electron?: ChildProcess } = {};
  onShutdown(async () => {
    const child = running.electron;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await workSystem.close();
  });
  await writeDemoKioskConfig(paths.electronKioskDir, workSystem);
  console.log(`Work System ${workSystem.url} (demo wallet: ${workSystem.url}/wallet); launching Electron…`);
  const child = spawn(electron.path, ['.'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ESSC_USER_DATA_DIR: paths.electronKioskDir, ESSC_DEMO_WORK_SYSTEM_DIR: paths.workSystemDir },
  });
  running.electron = child;
  child.on('exit', (code, signal) => {
    console.log(`Electron exited (${signal ?? code}); stopping the Work System`);
    void workSystem.close().then(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
