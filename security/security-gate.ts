// The security gate: every check in order, each failure reported, none skipped silently.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCdnHosts, checkRemoteUrls, checkZxingWasmBundled } from './bundle-checks';
import { checkNoDemoKeyMaterial, checkNoInlinedEcKeys, checkNoJwksInBuild } from './build-anchors';
import { buildWithElectronVite, listBuildFiles, type BuildFile } from './build-output';
import { checkFuses, checkPackagedAnchors, listRepoFiles, loadBuilderConfig } from './builder-config';
import { type CheckResult, fail, guarded, pass } from './check-result';
import { browserHostSentPolicy, checkSentPolicy, electronSentPolicy } from './csp-hosts';
import { runElectronegativityChecks } from './electronegativity-checks';
import { checkEnableSandbox } from './electron-source-facts';
import { loadElectronegativityAllowlist } from './electronegativity-allowlist';
import { electronVersion } from './electronegativity-run';
import { readTypeScriptSources, runSourceChecks } from './source-checks';
import { loadUrlAllowlist } from './url-allowlist';

export interface GateOptions {
  readonly repoRoot: string;
  /** Where the production build is (built there first unless `build` is false). */
  readonly buildDir: string;
  readonly build: boolean;
  /** Called with each result as soon as it is known. */
  readonly onResult?: (result: CheckResult) => void;
}

export async function runSecurityGate(options: GateOptions): Promise<CheckResult[]> {
  const { repoRoot, buildDir } = options;
  const results: CheckResult[] = [];
  const add = (batch: CheckResult[]) => {
    for (const result of batch) {
      results.push(result);
      options.onResult?.(result);
    }
  };

  let buildFiles: BuildFile[] | null = null;
  add(
    await guarded('build', async () => {
      if (options.build) await buildWithElectronVite(repoRoot, buildDir);
      else if (!existsSync(join(buildDir, 'renderer', 'index.html'))) return [fail('build', `no production build in ${buildDir}`)];
      buildFiles = await listBuildFiles(buildDir);
      return [pass('build', `${options.build ? 'built with electron-vite into' : 'using the build in'} ${buildDir}: ${buildFiles.length} files`)];
    }),
  );
  const built = buildFiles as BuildFile[] | null;
  if (built) {
    const renderer = built.filter((file) => file.area === 'renderer');
    const workerPaths = renderer.filter((file) => file.name.endsWith('.js')).map((file) => `/${file.name.slice('renderer/'.length)}`);
    add(await guarded('csp.sent[electron]', async () => checkSentPolicy(await electronSentPolicy(join(buildDir, 'renderer'), renderer.map((f) => f.path)))));
    add(await guarded('csp.sent[browser-host]', async () => checkSentPolicy(await browserHostSentPolicy(join(buildDir, 'renderer'), join(repoRoot, 'resources'), ['/', '/index.html', ...workerPaths]))));
    add(await guarded('bundle.remote-urls', async () => checkRemoteUrls(built, await loadUrlAllowlist(join(repoRoot, 'security/bundle-url-allowlist.json')))));
    add(await guarded('bundle.no-cdn-hosts', async () => [await checkCdnHosts(built)]));
    add(await guarded('bundle.zxing-wasm-bundled', async () => [await checkZxingWasmBundled(built)]));
    // The shipped main bundle, not only the source: proves the entry electron-vite builds is the one checked.
    add(
      await guarded('electron.enable-sandbox[build]', async () => {
        const main = built.find((file) => file.name === 'main/index.js');
        if (!main) return [fail('electron.enable-sandbox[build]', 'the build has no main/index.js')];
        return [checkEnableSandbox([{ name: main.name, text: await readFile(main.path, 'utf8') }], main.name, 'electron.enable-sandbox[build]')];
      }),
    );
    add(await guarded('anchors.no-jwks-in-build', async () => [await checkNoJwksInBuild(built)]));
    add(await guarded('anchors.no-inlined-keys', async () => [await checkNoInlinedEcKeys(built)]));
  } else {
    add([fail('build-checks', 'CSP, bundle and anchor checks need the production build, which is missing')]);
  }

  const repoFiles = await listRepoFiles(repoRoot);
  if (built) {
    add(
      await guarded('anchors.no-demo-key-material', async () => {
        const jwksFiles = repoFiles.filter((name) => /jwks[^/]*\.json$/i.test(name) && !name.startsWith(relativeTo(repoRoot, buildDir)));
        const known = await Promise.all(jwksFiles.map(async (name) => ({ name, text: await readFile(join(repoRoot, name), 'utf8') })));
        return [await checkNoDemoKeyMaterial(built, known)];
      }),
    );
  }
  add(
    await guarded('builder', async () => {
      const path = join(repoRoot, 'electron-builder.yml');
      if (!existsSync(path)) return [fail('builder', 'electron-builder.yml not found: fuses and packaged files cannot be checked')];
      const config = await loadBuilderConfig(path);
      return [...checkFuses(config), ...checkPackagedAnchors(config, repoFiles)];
    }),
  );
  add(await guarded('electron.source-facts', () => runSourceChecks(repoRoot)));
  add(
    await guarded('electronegativity', async () =>
      runElectronegativityChecks({
        repoRoot,
        buildFiles: built,
        sources: await readTypeScriptSources(repoRoot, ['electron']),
        allowlist: await loadElectronegativityAllowlist(join(repoRoot, 'security/electronegativity-allowlist.json')),
        electronVersion: electronVersion(repoRoot),
      }),
    ),
  );
  return results;
}

function relativeTo(root: string, path: string): string {
  const rel = path.startsWith(root) ? path.slice(root.length).replace(/^[/\\]+/, '') : path;
  return rel.split('\\').join('/');
}
