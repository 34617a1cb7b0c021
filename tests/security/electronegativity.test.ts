import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeRun, justification, loadElectronegativityAllowlist, type ElectronegativityAllowEntry } from '../../security/electronegativity-allowlist';
import { runElectronegativity, type ElectronegativityFinding, type ElectronegativityRun } from '../../security/electronegativity-run';
import { writeTree } from './fixtures';

const ELECTRON = '41.7.1';

const finding = (over: Partial<ElectronegativityFinding> = {}): ElectronegativityFinding => ({
  check: 'PRELOAD_JS_CHECK',
  file: 'build/main/index.js',
  line: 12,
  severity: 'MEDIUM',
  confidence: 'FIRM',
  manualReview: true,
  description: 'Review the use of preload scripts',
  code: '      preload: options.preloadPath,',
  ...over,
});

const run = (findings: ElectronegativityFinding[], unparsed: string[] = [], errors: string[] = []): ElectronegativityRun => ({ label: 'build', findings, errors, unparsed, checksLoaded: 41 });

const entry = (over: Partial<ElectronegativityAllowEntry> = {}): ElectronegativityAllowEntry => ({
  check: 'PRELOAD_JS_CHECK',
  file: 'build/main/*.js',
  reason: 'the preload exposes named functions only',
  ...over,
});

describe('judging findings against the allow-list', () => {
  it('fails an unjustified finding and names it', () => {
    const result = judgeRun(run([finding()]), []);
    expect(result.ok).toBe(false);
    expect(result.details[0]).toContain('PRELOAD_JS_CHECK build/main/index.js:12');
  });
  it('passes an allow-listed finding and prints its reason', () => {
    const result = judgeRun(run([finding()]), [entry()]);
    expect(result.ok).toBe(true);
    expect(result.details).toEqual(['PRELOAD_JS_CHECK build/main/index.js:12 — the preload exposes named functions only']);
  });
  it('does not let an entry for one check or file justify another', () => {
    expect(justification([entry()], finding({ check: 'OPEN_EXTERNAL_JS_CHECK' }))).toBeUndefined();
    expect(justification([entry()], finding({ file: 'electron/main/index.ts' }))).toBeUndefined();
  });
  it('a code pin matches only the construct it names', () => {
    const pinned = entry({ code: 'preload: options.preloadPath' });
    expect(justification([pinned], finding())).toBeDefined();
    expect(justification([pinned], finding({ code: 'preload: join(process.cwd(), "evil.js"),' }))).toBeUndefined();
  });
  it('fails loudly when the tool could not analyse a file, whatever it found', () => {
    const result = judgeRun(run([], ['build/main/index.js: could not analyse: Unexpected token']), [entry()]);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/did not analyse everything/);
  });
  it('accepts an unparsed TypeScript source only when another run analysed the same code, and says so', () => {
    const unparsed = ['electron/main/x.ts: could not analyse: decoratorAutoAccessors'];
    const covered = judgeRun(run([], unparsed), [], { unparsedCoveredBy: 'the build run' });
    expect(covered).toMatchObject({ ok: true, details: ['electron/main/x.ts: could not analyse: decoratorAutoAccessors (analysed in the build run instead)'] });
  });
  it('fails a crashed tool even when unparsed files would be covered', () => {
    expect(judgeRun(run([], [], ['electronegativity crashed: TypeError']), [], { unparsedCoveredBy: 'the build run' }).ok).toBe(false);
  });
  it('the checked-in allow-list is valid', async () => {
    const entries = await loadElectronegativityAllowlist(join(import.meta.dirname, '../../security/electronegativity-allowlist.json'));
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('electronegativity itself, called as a library', () => {
  const insecureMain = [
    "const { BrowserWindow } = require('electron');",
    'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
    "win.loadURL('essc://app/index.html');",
  ].join('\n');

  it('finds an insecure window, which fails the gate until each finding is justified', async () => {
    const dir = await writeTree({ 'main.js': insecureMain });
    const result = await runElectronegativity(dir, 'fx', ELECTRON);
    expect(result.errors).toEqual([]);
    expect(result.unparsed).toEqual([]);
    const checks = result.findings.map((f) => `${f.check} ${f.file}:${f.line}`);
    expect(checks).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK fx/main.js:2', 'CONTEXT_ISOLATION_JS_CHECK fx/main.js:2', 'SANDBOX_JS_CHECK fx/main.js:2']));
    expect(judgeRun(result, []).ok).toBe(false);

    const everything = result.findings.map((f) => ({ check: f.check, file: f.file, reason: 'accepted for this test only' }));
    expect(judgeRun(result, everything).ok).toBe(true);
    // Justifying all but one still fails, on exactly that one.
    const allButNode = everything.filter((e) => e.check !== 'NODE_INTEGRATION_JS_CHECK');
    const partial = judgeRun(result, allButNode);
    expect(partial.ok).toBe(false);
    expect(partial.details).toHaveLength(1);
    expect(partial.details[0]).toMatch(/^NODE_INTEGRATION_JS_CHECK fx\/main\.js:2 /);
  });

  it('reports a file its parser cannot read (modern TypeScript) as an error, so the gate fails loudly', async () => {
    const dir = await writeTree({ 'main.ts': 'class Kiosk {\n  accessor mode = 1;\n}\n' });
    const result = await runElectronegativity(dir, 'fx', ELECTRON);
    expect(result.unparsed).toHaveLength(1);
    expect(result.unparsed[0]).toMatch(/^fx\/main\.ts: could not analyse: /);
    expect(judgeRun(result, []).ok).toBe(false);
  });

  it('reports a missing input as an error rather than an empty, passing run', async () => {
    const result = await runElectronegativity(join(await writeTree({}), 'missing'), 'fx', ELECTRON);
    expect(judgeRun(result, []).ok).toBe(false);
  });
});
