import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNoDemoKeyMaterial, checkNoInlinedEcKeys, checkNoJwksInBuild } from '../../security/build-anchors';
import { checkFuses, checkPackagedAnchors, matchPatterns, parseBuilderConfig, PRODUCTION_ANCHORS, REQUIRED_FUSES } from '../../security/builder-config';
import { buildFixture, cleanBuild } from './fixtures';

const FUSES_YAML = Object.entries(REQUIRED_FUSES)
  .map(([key, value]) => `  ${key}: ${value}`)
  .join('\n');

describe('electron-builder.yml electronFuses', () => {
  it("the repository's electron-builder.yml sets every fuse safely", async () => {
    const config = parseBuilderConfig(await readFile(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8'));
    expect(checkFuses(config).every((r) => r.ok)).toBe(true);
  });
  it('passes all eight keys at their safe values', () => {
    expect(checkFuses(parseBuilderConfig(`electronFuses:\n${FUSES_YAML}\n`)).every((r) => r.ok)).toBe(true);
  });
  it('fails a missing key (it keeps its permissive default)', () => {
    const result = checkFuses(parseBuilderConfig(`electronFuses:\n${FUSES_YAML.replace(/ {2}runAsNode: false\n/, '')}\n`))[0]!;
    expect(result).toMatchObject({ ok: false, details: ['runAsNode is not set, must be false'] });
  });
  it('fails an unsafe value', () => {
    const result = checkFuses(parseBuilderConfig(`electronFuses:\n${FUSES_YAML.replace('enableNodeCliInspectArguments: false', 'enableNodeCliInspectArguments: true')}\n`))[0]!;
    expect(result.details).toEqual(['enableNodeCliInspectArguments is true, must be false']);
  });
  it('fails a config without electronFuses, and asar: false', () => {
    const results = checkFuses(parseBuilderConfig('appId: x\nasar: false\n'));
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['builder.electron-fuses', false],
      ['builder.asar', false],
    ]);
  });
});

describe('packaged files carry only the production anchors', () => {
  const repo = ['out/main/index.js', 'out/renderer/index.html', 'package.json', PRODUCTION_ANCHORS, 'resources/anchors/demo.jwks.json', '.data/work-system/anchors.jwks.json', 'src/x.ts'];
  const extra = 'extraResources:\n  - from: resources/anchors/production.jwks.json\n    to: anchors/production.jwks.json\n';
  const ids = (yaml: string) => Object.fromEntries(checkPackagedAnchors(parseBuilderConfig(yaml), repo).map((r) => [r.id, r.ok]));

  it('passes out/** plus the production anchors as an extra resource', () => {
    expect(ids(`files:\n  - out/**\n  - package.json\n${extra}`)).toEqual({ 'builder.only-production-anchors': true, 'builder.production-anchors-packaged': true });
  });
  it('fails files that sweep up a demo JWKS', () => {
    const [only] = checkPackagedAnchors(parseBuilderConfig(`files:\n  - "**/*"\n${extra}`), repo);
    expect(only!.ok).toBe(false);
    expect(only!.details).toEqual(['resources/anchors/demo.jwks.json → app/resources/anchors/demo.jwks.json', '.data/work-system/anchors.jwks.json → app/.data/work-system/anchors.jwks.json']);
  });
  it('fails an extraResources folder that holds a demo JWKS', () => {
    expect(ids('files:\n  - out/**\nextraResources:\n  - from: resources/anchors\n    to: anchors\n')['builder.only-production-anchors']).toBe(false);
  });
  it('respects a later negation, as electron-builder does', () => {
    expect(ids(`files:\n  - "**/*"\n  - "!**/*.jwks.json"\n${extra}`)['builder.only-production-anchors']).toBe(true);
    expect(matchPatterns(['a.jwks.json', 'b.js'], ['**/*', '!**/*.jwks.json', 'a.jwks.json'])).toEqual(['a.jwks.json', 'b.js']);
  });
  it('fails when the production anchors are not where the kiosk reads them', () => {
    expect(ids('files:\n  - out/**\nextraResources:\n  - from: resources/anchors/production.jwks.json\n    to: trust.json\n')['builder.production-anchors-packaged']).toBe(false);
  });
});

describe('no anchors in the build output', () => {
  const demoJwks = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'demoXdemoXdemoXdemoXdemoXdemoXdemoXdemoX123', y: 'y' }] });

  it('passes a clean build', async () => {
    expect((await checkNoJwksInBuild((await buildFixture(cleanBuild())).files)).ok).toBe(true);
  });
  it('fails a JWKS file or a JSON document that is a JWKS', async () => {
    const build = await buildFixture(cleanBuild({ 'renderer/anchors.jwks.json': demoJwks, 'main/trust.json': demoJwks, 'main/other.json': '{"keys":[1]}' }));
    expect((await checkNoJwksInBuild(build.files)).details).toEqual(['main/trust.json: a JWKS document', 'renderer/anchors.jwks.json: a JWKS file']);
  });
  it('fails a demo key inlined into a bundle', async () => {
    const build = await buildFixture(cleanBuild({ 'renderer/assets/index.js': 'const anchor = { kty: "EC", x: "demoXdemoXdemoXdemoXdemoXdemoXdemoXdemoX123" };' }));
    const result = await checkNoDemoKeyMaterial(build.files, [{ name: '.data/work-system/anchors.jwks.json', text: demoJwks }]);
    expect(result.ok).toBe(false);
    expect(result.details[0]).toMatch(/^renderer\/assets\/index\.js contains the key x=demoXdemoXde… of \.data\/work-system\/anchors\.jwks\.json$/);
  });
  it('does not treat the production anchors as demo keys', async () => {
    const production = JSON.stringify({ keys: [{ kty: 'EC', x: 'prodXprodXprodXprodXprodXprodXprodXprodX123' }] });
    const build = await buildFixture(cleanBuild({ 'main/index.js': 'x = "prodXprodXprodXprodXprodXprodXprodXprodX123"' }));
    expect((await checkNoDemoKeyMaterial(build.files, [{ name: PRODUCTION_ANCHORS, text: production }])).ok).toBe(true);
  });
});

describe('no EC public key compiled into the build', () => {
  const x = 'm1WjfiwIZcdrESfSbKvAF7qC4KijMFUG2Ypnedq_CJU';
  const y = 'AD_rkFRpcFudgDikZmSAl_d9Ucea3TB8ieFwxNyDzzs';
  it('passes a clean build and code that merely handles JWKs', async () => {
    const build = await buildFixture(cleanBuild({ 'renderer/assets/index.js': 'const jwk = { kty: "EC", crv: "P-256", x: key.x, y: key.y };' }));
    expect((await checkNoInlinedEcKeys(build.files)).ok).toBe(true);
  });
  it.each([
    ['a minified object literal', `const a={kty:"EC",crv:"P-256",x:"${x}",y:"${y}"};`],
    ['JSON text in a string', `const a='{"keys":[{"kty":"EC","y":"${y}","x":"${x}"}]}';`],
  ])('fails %s, wherever the key came from', async (_name, code) => {
    const build = await buildFixture(cleanBuild({ 'main/index.js': `\n${code}` }));
    const result = await checkNoInlinedEcKeys(build.files);
    expect(result.ok).toBe(false);
    expect(result.details[0]).toMatch(/^main\/index\.js:2 /);
  });
});
