// `npm run web:dev`: renderer development in a browser with hot reload. Vite serves renderer/
// (no CSP here: React Fast Refresh injects an inline preamble) and proxies /__host to the browser
// host server, which runs in demo mode against the reference Work System as in `npm run web`.
import { join } from 'node:path';
import { rendererPlugins, rendererWorkerPlugins } from '../tooling/renderer-plugins';
import { createServer } from 'vite';
import { startHostServer } from '../host-server/server';
import { consoleLogger } from '../host-core/logger';
import { REPO_ROOT, demoPaths, onShutdown, startDemoWorkSystem, writeDemoKioskConfig } from './demo-environment';

const DEV_PORT = Number(process.env.ESSC_WEB_DEV_PORT ?? 4781);
const devOrigin = `http://127.0.0.1:${DEV_PORT}`;

const paths = demoPaths();
const workSystem = await startDemoWorkSystem(paths);
await writeDemoKioskConfig(paths.webKioskDir, workSystem);
const host = await startHostServer({
  dataDir: paths.webKioskDir,
  resourcesDir: join(REPO_ROOT, 'resources'),
  rendererDir: join(REPO_ROOT, 'out', 'renderer'),
  demoWorkSystemDir: paths.workSystemDir,
  trustedDevOrigins: [devOrigin],
  version: process.env.npm_package_version ?? '0.0.0',
  logger: consoleLogger,
});
const vite = await createServer({
  configFile: false,
  root: join(REPO_ROOT, 'renderer'),
  plugins: rendererPlugins(),
  worker: { plugins: rendererWorkerPlugins },
  server: { host: '127.0.0.1', port: DEV_PORT, strictPort: true, proxy: { '/__host': { target: host.url, changeOrigin: true } } },
});
await vite.listen();
onShutdown(async () => {
  await vite.close();
  await host.close();
  await workSystem.close();
});
console.log(`\nkiosk (dev, hot reload): ${devOrigin}/\ndemo wallet: ${workSystem.url}/wallet\nCtrl-C stops everything.\n`);
