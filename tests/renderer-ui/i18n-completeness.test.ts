// Every user-facing string exists in both languages, with the same interpolation variables, and
// every key the UI asks for (literal t('…') calls and every protocol code) resolves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../../shared/audit/audit-entry';
import { INDETERMINATE_REASONS, INVALID_REASONS, WARNINGS } from '../../shared/verify/result';
import { createI18n, resources } from '../../renderer/i18n/i18n';
import { ACK_FAILURES, SYNC_FAILURES, SYNC_STEPS, TRUST_FILE_FAILURES } from '../../renderer/app/sync-errors';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const zh = flatten(resources['zh-CN'].translation as unknown as Tree);
const en = flatten(resources.en.translation as unknown as Tree);
const variables = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const UI_DIRS = ['app', 'screens', 'components'].map((d) => resolve(import.meta.dirname, '../../renderer', d));
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('i18n resources: zh-CN and en are complete', () => {
  it('have exactly the same keys', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect(zh.size).toBeGreaterThan(200);
  });

  it('have no empty string in either language', () => {
    expect([...zh].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    expect([...en].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('use the same {{variables}} in both languages', () => {
    const differing = [...zh.keys()].filter((k) => variables(zh.get(k)!).join() !== variables(en.get(k) ?? '').join());
    expect(differing).toEqual([]);
  });

  it('Chinese strings are Chinese: most zh-CN values hold CJK characters', () => {
    const cjk = [...zh.values()].filter((v) => /\p{Script=Han}/u.test(v)).length;
    expect(cjk / zh.size).toBeGreaterThan(0.85);
  });
});

describe('i18n resources cover every protocol code', () => {
  it.each([...INVALID_REASONS, ...INDETERMINATE_REASONS])('reason %s has a plain-language text and an action', (reason) => {
    for (const lang of [zh, en]) {
      expect(lang.get(`reason.${reason}.text`)).toBeTruthy();
      expect(lang.get(`reason.${reason}.action`)).toBeTruthy();
    }
  });

  it.each(WARNINGS)('warning %s has a text', (warning) => {
    expect(zh.get(`warning.${warning}`)).toBeTruthy();
    expect(en.get(`warning.${warning}`)).toBeTruthy();
  });

  it.each(AUDIT_EVENTS)('audit event %s has a name', (event) => {
    expect(zh.get(`history.event.${event}`)).toBeTruthy();
    expect(en.get(`history.event.${event}`)).toBeTruthy();
  });

  it.each(SYNC_FAILURES)('sync failure %s has a short text and advice for admins', (code) => {
    for (const lang of [zh, en]) {
      expect(lang.get(`status.failure.${code}`)).toBeTruthy();
      expect(lang.get(`sync.advice.${code}`)).toBeTruthy();
    }
  });

  it.each(TRUST_FILE_FAILURES)('trust data failure %s has a text', (code) => {
    expect(zh.get(`trustFailure.${code}`)).toBeTruthy();
    expect(en.get(`trustFailure.${code}`)).toBeTruthy();
  });

  it.each(ACK_FAILURES)('acknowledgement failure %s has a text', (code) => {
    expect(zh.get(`ackFailure.${code}`)).toBeTruthy();
    expect(en.get(`ackFailure.${code}`)).toBeTruthy();
  });

  it.each(SYNC_STEPS)('sync step %s has a name and progress texts', (step) => {
    for (const lang of [zh, en]) {
      expect(lang.get(`sync.step.${step}`)).toBeTruthy();
      expect(variables(lang.get(`sync.progress.${step}`) ?? '')).toEqual(['done', 'total']);
      expect(lang.get(`sync.progressStart.${step}`)).toBeTruthy();
    }
  });

  it('CHAIN_MISMATCH says nothing was deleted and to call IT', () => {
    expect(en.get('sync.advice.CHAIN_MISMATCH')).toMatch(/nothing was deleted.*call IT/i);
    expect(zh.get('sync.advice.CHAIN_MISMATCH')).toContain('未删除任何记录');
  });

  it('TOKEN_EXPIRED tells the officer to have the card refreshed; MALFORMED never says "expired"', () => {
    expect(en.get('reason.TOKEN_EXPIRED.text')).toBe('QR expired');
    expect(en.get('reason.TOKEN_EXPIRED.action')).toBe('Ask the holder to refresh the card');
    expect(en.get('reason.MALFORMED.text')).not.toMatch(/expire/i);
    expect(zh.get('reason.MALFORMED.text')).not.toContain('过期');
    expect(en.get('scan.notEssc')).toBe('Not an e-SSC code');
  });
});

describe('every literal key used by the UI exists', () => {
  const used = new Set<string>();
  for (const file of UI_DIRS.flatMap(sourceFiles)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)) used.add(m[1]!);
  }

  it('finds the keys in the sources', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  it.each(['zh-CN', 'en'] as const)('in %s', (language) => {
    const i18n = createI18n(language);
    const missing = [...used].filter((key) => !i18n.exists(key));
    expect(missing).toEqual([]);
  });
});
