// Checks over the files of a production build: no remote endpoints, no CDN, zxing's WebAssembly
// shipped in the renderer (bundled, not fetched).
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { BUILD_AREAS, type BuildFile } from './build-output';
import { type CheckResult, fail, pass, verdict } from './check-result';
import { allowedUrl, type UrlAllowEntry } from './url-allowlist';
import { findCdnHosts, findUrlsInJavaScript, findUrlsInText, type UrlOccurrence } from './url-scan';

const JAVASCRIPT = new Set(['.js', '.cjs', '.mjs']);
const TEXT = new Set(['.html', '.css', '.json', '.svg', '.txt', '.map', '.webmanifest', '.xml']);

export async function checkRemoteUrls(files: readonly BuildFile[], allowlist: readonly UrlAllowEntry[]): Promise<CheckResult[]> {
  const used = new Set<UrlAllowEntry>();
  const results: CheckResult[] = [];
  for (const area of BUILD_AREAS) {
    const inArea = files.filter((file) => file.area === area);
    const problems: string[] = [];
    const notes: string[] = [];
    let count = 0;
    for (const file of inArea) {
      const ext = extname(file.name).toLowerCase();
      let urls: readonly UrlOccurrence[];
      if (JAVASCRIPT.has(ext)) {
        const scan = findUrlsInJavaScript(file.name, await readFile(file.path, 'utf8'));
        if (scan.parseProblem) notes.push(`${file.name}: not parseable (${scan.parseProblem}); scanned as text, comments included`);
        urls = scan.urls;
      } else if (TEXT.has(ext)) {
        urls = findUrlsInText(await readFile(file.path, 'utf8'));
      } else continue;
      for (const occurrence of urls) {
        count++;
        const entry = allowedUrl(allowlist, occurrence.url, area);
        if (entry) used.add(entry);
        else problems.push(`${file.name}:${occurrence.line} ${occurrence.url}`);
      }
    }
    const id = `bundle.remote-urls[${area}]`;
    if (inArea.length === 0) results.push(fail(id, `the build has no ${area}/ files to inspect`));
    else if (problems.length > 0) results.push(fail(id, `URLs not justified in security/bundle-url-allowlist.json (${problems.length})`, [...unique(problems), ...notes]));
    else results.push(pass(id, `${inArea.length} files, ${count} URL literals, all allow-listed harmless strings`, notes));
  }
  const unused = allowlist.filter((entry) => !used.has(entry));
  if (unused.length > 0) {
    // Not a failure (a dependency update may drop a string), but the list should stay honest.
    results.push(pass('bundle.url-allowlist-current', `${unused.length} allow-list entries matched nothing; consider removing them`, unused.map((e) => e.url)));
  }
  return results;
}

/** CDN hosts anywhere in any file, comments and binaries included; nothing can allow-list one. */
export async function checkCdnHosts(files: readonly BuildFile[]): Promise<CheckResult> {
  const problems: string[] = [];
  for (const file of files) {
    const text = (await readFile(file.path)).toString('latin1');
    for (const hit of findCdnHosts(text)) problems.push(`${file.name}:${hit.line} ${hit.url}`);
  }
  return verdict('bundle.no-cdn-hosts', unique(problems), `no CDN or web-font host in ${files.length} built files`, 'CDN hosts in the build (a fallback that can reach a CDN is a way out of an offline kiosk)');
}

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** zxing-wasm's reader is emitted into the renderer and referenced by the renderer's own code. */
export async function checkZxingWasmBundled(files: readonly BuildFile[]): Promise<CheckResult> {
  const id = 'bundle.zxing-wasm-bundled';
  const wasm = files.filter((file) => file.area === 'renderer' && /(^|\/)zxing_reader[^/]*\.wasm$/.test(file.name));
  if (wasm.length === 0) return fail(id, 'no zxing_reader*.wasm in the renderer build: it would have to be fetched');
  const problems: string[] = [];
  const scripts = files.filter((file) => file.area === 'renderer' && JAVASCRIPT.has(extname(file.name)));
  const sources = await Promise.all(scripts.map(async (file) => readFile(file.path, 'utf8')));
  for (const file of wasm) {
    const head = (await readFile(file.path)).subarray(0, 4);
    if (!head.equals(WASM_MAGIC)) problems.push(`${file.name} is not WebAssembly`);
    const base = file.name.split('/').pop()!;
    if (!sources.some((text) => text.includes(base))) problems.push(`${file.name} is emitted but no renderer script refers to it`);
  }
  return verdict(id, problems, `${wasm.map((f) => f.name).join(', ')} is emitted and referenced by the renderer`, 'zxing WebAssembly not bundled as used');
}

function unique(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
