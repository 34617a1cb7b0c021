// electron-builder.yml: every Electron fuse set to its safe value (convention 10), and nothing
// but the pinned production anchors packaged as a JWKS.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import { type CheckResult, fail, pass, verdict } from './check-result';

export const REQUIRED_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

export const PRODUCTION_ANCHORS = 'resources/anchors/production.jwks.json';
/** Where host-core reads the pinned anchors in a packaged app: `<resources>/anchors/production.jwks.json`. */
export const PACKAGED_ANCHORS = 'anchors/production.jwks.json';

export type BuilderConfig = Record<string, unknown>;

export function parseBuilderConfig(text: string): BuilderConfig {
  const parsed = yaml.load(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('electron-builder.yml is not a mapping');
  return parsed as BuilderConfig;
}

export function checkFuses(config: BuilderConfig): CheckResult[] {
  const id = 'builder.electron-fuses';
  const fuses = config.electronFuses;
  const set = fuses && typeof fuses === 'object' ? (fuses as Record<string, unknown>) : null;
  const problems = Object.entries(REQUIRED_FUSES)
    .filter(([key, expected]) => set?.[key] !== expected)
    .map(([key, expected]) => `${key} is ${set?.[key] === undefined ? 'not set' : JSON.stringify(set[key])}, must be ${expected}`);
  return [
    set ? verdict(id, problems, `all ${Object.keys(REQUIRED_FUSES).length} fuses set to their safe values`, 'fuses missing or unsafe') : fail(id, 'electron-builder.yml has no electronFuses: every fuse keeps its permissive default'),
    // onlyLoadAppFromAsar and the asar integrity fuse protect nothing without an asar archive.
    config.asar === false ? fail('builder.asar', 'asar: false leaves the app as loose, editable files') : pass('builder.asar', 'the app is packaged as an asar archive'),
  ];
}

interface CopyRule {
  readonly from: string;
  readonly to: string;
  readonly filter: readonly string[];
}

/** extraResources / extraFiles entries: a glob string, or { from, to, filter }. */
function copyRules(value: unknown): CopyRule[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') return { from: '.', to: '.', filter: [item] };
    const rule = item as { from?: unknown; to?: unknown; filter?: unknown };
    const filter = rule.filter === undefined ? ['**/*'] : Array.isArray(rule.filter) ? rule.filter.map(String) : [String(rule.filter)];
    return { from: String(rule.from ?? '.'), to: String(rule.to ?? rule.from ?? '.'), filter };
  });
}

/** electron-builder's order rule: a file is in when the last pattern that matches it is positive. */
export function matchPatterns(paths: readonly string[], patterns: readonly string[]): string[] {
  return paths.filter((path) => {
    let included = false;
    for (const raw of patterns) {
      const negated = raw.startsWith('!');
      const pattern = negated ? raw.slice(1) : raw;
      // A plain directory name means the directory and everything in it.
      if (minimatch(path, pattern, { dot: true }) || minimatch(path, `${pattern.replace(/\/+$/, '')}/**`, { dot: true })) included = !negated;
    }
    return included;
  });
}

export interface PackagedFile {
  /** Repository-relative source path. */
  readonly source: string;
  /** Where it lands: `app/<path>` (inside the asar), `resources/<to>` or `<install dir>/<to>`. */
  readonly target: string;
}

/** What the config copies into a package, from the repository's files. node_modules is not listed. */
export function packagedFiles(config: BuilderConfig, repoFiles: readonly string[]): PackagedFile[] {
  const files = config.files === undefined ? ['**/*'] : (Array.isArray(config.files) ? config.files : [config.files]).map(String);
  const packaged: PackagedFile[] = matchPatterns(repoFiles, files).map((source) => ({ source, target: `app/${source}` }));
  for (const [key, prefix] of [['extraResources', 'resources'], ['extraFiles', '']] as const) {
    for (const rule of copyRules(config[key])) {
      const from = rule.from.replace(/^\.\/?/, '').replace(/\/+$/, '');
      if (repoFiles.includes(from)) {
        packaged.push({ source: from, target: join(prefix, rule.to).split('\\').join('/') });
        continue;
      }
      const base = from === '' ? '' : `${from}/`;
      const inside = repoFiles.filter((path) => path.startsWith(base)).map((path) => path.slice(base.length));
      for (const path of matchPatterns(inside, rule.filter)) packaged.push({ source: base + path, target: join(prefix, rule.to, path).split('\\').join('/') });
    }
  }
  return packaged;
}

const JWKS_NAME = /\.jwks(\.json)?$|(^|\/)jwks\.json$/i;

/** Only the pinned production anchors are packaged as a JWKS, and they are packaged where host-core looks. */
export function checkPackagedAnchors(config: BuilderConfig, repoFiles: readonly string[]): CheckResult[] {
  const packaged = packagedFiles(config, repoFiles);
  const jwks = packaged.filter((file) => JWKS_NAME.test(file.source) || JWKS_NAME.test(file.target));
  const foreign = jwks.filter((file) => file.source !== PRODUCTION_ANCHORS).map((file) => `${file.source} → ${file.target}`);
  const production = jwks.filter((file) => file.source === PRODUCTION_ANCHORS);
  return [
    verdict('builder.only-production-anchors', foreign, `no JWKS but ${PRODUCTION_ANCHORS} among ${packaged.length} packaged files`, 'JWKS other than the production anchors would be packaged'),
    production.some((file) => file.target === `resources/${PACKAGED_ANCHORS}`)
      ? pass('builder.production-anchors-packaged', `${PRODUCTION_ANCHORS} → resources/${PACKAGED_ANCHORS}`)
      : fail('builder.production-anchors-packaged', `${PRODUCTION_ANCHORS} is not packaged as resources/${PACKAGED_ANCHORS}, where the kiosk reads its pinned anchors`, production.map((f) => `packaged as ${f.target}`)),
  ];
}

/** Repository files for pattern matching: everything but .git and node_modules. */
export async function listRepoFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(relative(root, path).split('\\').join('/'));
    }
  };
  await walk(root);
  return files.sort();
}

export async function loadBuilderConfig(path: string): Promise<BuilderConfig> {
  return parseBuilderConfig(await readFile(path, 'utf8'));
}
