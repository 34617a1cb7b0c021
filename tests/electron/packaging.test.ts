// electron-builder.yml as electron-builder itself validates it, plus the rules it must keep:
// every fuse set, only out/** and the production anchors packaged, publishing off.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { anchorsJwksSchema } from '../../shared/host/host-api';

const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

async function builderConfig(): Promise<Record<string, unknown>> {
  return load(await readFile(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(await builderConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every fuse electron-builder knows, with the hardened values', async () => {
    const scheme = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties).filter((k) => k !== 'resetAdHocDarwinSignature');
    const fuses = (await builderConfig()).electronFuses as Record<string, boolean>;
    expect(Object.keys(fuses).sort()).toEqual(known.sort());
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages out/** and the production anchors only — never demo anchors', async () => {
    const config = await builderConfig();
    expect(config.files).toEqual(['out/**', '!out/**/*.map', 'package.json', '!node_modules/**']);
    expect(config.extraResources).toEqual([{ from: 'resources/anchors/production.jwks.json', to: 'anchors/production.jwks.json' }]);
    expect(JSON.stringify(config)).not.toMatch(/demo|work-system|\.data/);
  });

  it('targets NSIS, AppImage and deb on x64 and arm64', async () => {
    const config = (await builderConfig()) as { win: { target: unknown[] }; linux: { target: unknown[] } };
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
  });

  it('the pinned production anchors file is a public-only P-256 JWKS', async () => {
    const jwks = JSON.parse(await readFile(resolve(ROOT, 'resources/anchors/production.jwks.json'), 'utf8')) as { keys: Record<string, unknown>[] };
    expect(anchorsJwksSchema.safeParse(jwks).success).toBe(true);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  });
});
