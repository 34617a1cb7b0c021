// `npm run web`: the kiosk in a browser. Builds the renderer, starts the reference Work System in
// demo mode and the browser host server, prints both URLs, and stops everything on Ctrl-C.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHostServer, type RunningHostServer } from '../host-server/server';
import { consoleLogger } from '../host-core/logger';
import { buildApp } from './build-app';
import { REPO_ROOT, demoPaths, onShutdown, startDemoWorkSystem, writeDemoKioskConfig } from './demo-environment';

export const DEFAULT_WEB_PORT = 4780;

export async function runWeb(options: { build: boolean }): Promise<void> {
  if (options.build) await buildApp();
  const paths = demoPaths();
  const workSystem = await startDemoWorkSystem(paths);
  const running: { host?: RunningHostServer } = {};
  onShutdown(async () => {
    await running.host?.close();
    await workSystem.close();
  });
  await writeDemoKioskConfig(paths.webKioskDir, workSystem);
  const host = await startWebHost(paths.webKioskDir, paths.workSystemDir);
  running.host = host;
  console.log(
    [
      '',
      'essc-kiosk demo (browser host)',
      `  kiosk:        ${host.url}/`,
      `  demo wallet:  ${workSystem.url}/wallet`,
      `  Work System:  ${workSystem.url}`,
      `  data:         ${paths.dataRoot}`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

/**
 * A fixed port, because the browser keeps the kiosk's database per origin (port included): a
 * different port would look like a brand-new kiosk.
 */
async function startWebHost(dataDir: string, demoWorkSystemDir: string): Promise<RunningHostServer> {
  const port = Number(process.env.ESSC_WEB_PORT ?? DEFAULT_WEB_PORT);
  const options = {
    dataDir,
    resourcesDir: join(REPO_ROOT, 'resources'),
    rendererDir: join(REPO_ROOT, 'out', 'renderer'),
    demoWorkSystemDir,
    version: process.env.npm_package_version ?? '0.0.0',
    logger: consoleLogger,
  };
  try {
    return await startHostServer({ ...options, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`port ${port} is taken; using a free port (the browser will treat it as a new kiosk)`);
    return startHostServer({ ...options, port: 0 });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWeb({ build: !process.argv.includes('--no-build') }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
