import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCdnHosts, checkRemoteUrls, checkZxingWasmBundled } from '../../security/bundle-checks';
import { loadUrlAllowlist, type UrlAllowEntry } from '../../security/url-allowlist';
import { findUrlsInJavaScript } from '../../security/url-scan';
import { buildFixture, cleanBuild } from './fixtures';

const REAL_ALLOWLIST = join(import.meta.dirname, '../../security/bundle-url-allowlist.json');

describe('finding URLs in built JavaScript', () => {
  it('sees string, template and regex literals but not comments', () => {
    const code = [
      '// see https://in-a-line-comment.example/',
      '/* https://in-a-block-comment.example/ */',
      'const a = "https://string.example/a";',
      'const b = `wss://${host}/socket`;',
      'const c = /https:\\/\\/regex\\.example/;',
      "const d = 'http://single.example:8080/x?y=1';",
    ].join('\n');
    const scan = findUrlsInJavaScript('x.js', code);
    expect(scan.parseProblem).toBeNull();
    expect(scan.urls.map((u) => [u.line, u.url])).toEqual([
      [3, 'https://string.example/a'],
      [4, 'wss://⟨expr⟩/socket'],
      [6, 'http://single.example:8080/x?y=1'],
    ]);
  });
  it('sees a remote source map comment, which DevTools would fetch', () => {
    const scan = findUrlsInJavaScript('x.js', 'export {};\n//# sourceMappingURL=https://maps.example/x.js.map\n');
    expect(scan.urls).toEqual([{ url: 'https://maps.example/x.js.map', line: 2 }]);
  });
  it('ignores a bare scheme, which names no host', () => {
    expect(findUrlsInJavaScript('x.js', 'placeholder = "https://"; msg = "use http:// or https://"').urls).toEqual([]);
  });
  it('falls back to scanning all text, comments included, when the file does not parse', () => {
    const scan = findUrlsInJavaScript('x.js', 'const = ; // https://after-broken.example/');
    expect(scan.parseProblem).not.toBeNull();
    expect(scan.urls.map((u) => u.url)).toEqual(['https://after-broken.example/']);
  });
});

describe('remote URLs in the build', () => {
  it('the checked-in allow-list is valid and every entry gives a reason', async () => {
    const entries = await loadUrlAllowlist(REAL_ALLOWLIST);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.reason.length).toBeGreaterThan(20);
  });

  it('passes a build whose only URL is an allow-listed XML namespace', async () => {
    const build = await buildFixture(cleanBuild());
    const results = await checkRemoteUrls(build.files, await loadUrlAllowlist(REAL_ALLOWLIST));
    expect(results.filter((r) => r.id.startsWith('bundle.remote-urls[')).every((r) => r.ok)).toBe(true);
  });

  it('fails a renderer that names a remote endpoint, with file and line', async () => {
    const build = await buildFixture(cleanBuild({ 'renderer/assets/index.js': 'const x = 1;\nfetch("https://telemetry.example.com/v1/collect");\n' }));
    const results = await checkRemoteUrls(build.files, await loadUrlAllowlist(REAL_ALLOWLIST));
    const renderer = results.find((r) => r.id === 'bundle.remote-urls[renderer]')!;
    expect(renderer.ok).toBe(false);
    expect(renderer.details).toContain('renderer/assets/index.js:2 https://telemetry.example.com/v1/collect');
  });

  it('allows an entry only in the build areas it lists', async () => {
    const onlyMain: UrlAllowEntry[] = [{ url: '^https://updates\\.example/', in: ['main'], reason: 'an update feed used by main only' }];
    const build = await buildFixture(cleanBuild({ 'main/index.js': 'u = "https://updates.example/feed"', 'renderer/assets/index.js': 'u = "https://updates.example/feed"; s = "http://www.w3.org/2000/svg"' }));
    const results = await checkRemoteUrls(build.files, onlyMain);
    expect(results.find((r) => r.id === 'bundle.remote-urls[main]')!.ok).toBe(true);
    expect(results.find((r) => r.id === 'bundle.remote-urls[renderer]')!.details).toEqual([
      'renderer/assets/index.js:1 https://updates.example/feed',
      'renderer/assets/index.js:1 http://www.w3.org/2000/svg',
    ]);
  });

  it('scans HTML as text', async () => {
    const build = await buildFixture(cleanBuild({ 'renderer/index.html': '<link rel="stylesheet" href="https://fonts.example.org/a.css">' }));
    const results = await checkRemoteUrls(build.files, await loadUrlAllowlist(REAL_ALLOWLIST));
    expect(results.find((r) => r.id === 'bundle.remote-urls[renderer]')!.details).toEqual(['renderer/index.html:1 https://fonts.example.org/a.css']);
  });

  it('fails an area with no files at all rather than passing it', async () => {
    const files = cleanBuild();
    delete files['preload/index.cjs'];
    const results = await checkRemoteUrls((await buildFixture(files)).files, []);
    expect(results.find((r) => r.id === 'bundle.remote-urls[preload]')!.ok).toBe(false);
  });
});

describe('no CDN hosts', () => {
  it('passes a clean build', async () => {
    expect((await checkCdnHosts((await buildFixture(cleanBuild())).files)).ok).toBe(true);
  });
  it.each([
    ['a jsdelivr fallback in a worker', 'renderer/assets/qr-worker.js', 'f = (p) => `https://fastly.jsdelivr.net/npm/zxing-wasm@3/dist/${p}`;'],
    ['unpkg in main', 'main/index.js', 'load("https://unpkg.com/react@19/umd/react.production.min.js")'],
    ['Google Fonts in CSS', 'renderer/assets/index.css', "@import url('https://fonts.googleapis.com/css2?family=Noto+Sans');"],
    ['cdnjs in a comment', 'renderer/assets/index.js', '/* copied from https://cdnjs.cloudflare.com/ajax/libs/x.js */ const svg = 1;'],
  ])('fails %s', async (_name, file, content) => {
    const result = await checkCdnHosts((await buildFixture(cleanBuild({ [file]: content }))).files);
    expect(result.ok).toBe(false);
    expect(result.details[0]).toMatch(new RegExp(`^${file}:1 `));
  });
});

describe("zxing-wasm's .wasm is bundled", () => {
  it('passes when the renderer emits it and refers to it', async () => {
    expect((await checkZxingWasmBundled((await buildFixture(cleanBuild())).files)).ok).toBe(true);
  });
  it('fails when no .wasm is emitted (it would be fetched from elsewhere)', async () => {
    const files = cleanBuild();
    delete files['renderer/assets/zxing_reader-abc.wasm'];
    expect((await checkZxingWasmBundled((await buildFixture(files)).files)).ok).toBe(false);
  });
  it('fails when no renderer script refers to the emitted file', async () => {
    const result = await checkZxingWasmBundled((await buildFixture(cleanBuild({ 'renderer/assets/qr-worker.js': 'const wasm = "elsewhere";' }))).files);
    expect(result).toMatchObject({ ok: false, details: ['renderer/assets/zxing_reader-abc.wasm is emitted but no renderer script refers to it'] });
  });
  it('fails when the file is not WebAssembly', async () => {
    const result = await checkZxingWasmBundled((await buildFixture(cleanBuild({ 'renderer/assets/zxing_reader-abc.wasm': '<html>404</html>' }))).files);
    expect(result.details).toContain('renderer/assets/zxing_reader-abc.wasm is not WebAssembly');
  });
});
