import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../host-core/csp';
import type { CheckResult } from '../../security/check-result';
import { checkSentPolicy, electronSentPolicy } from '../../security/csp-hosts';
import { checkCspRules, parseCsp } from '../../security/csp-policy';
import { writeTree } from './fixtures';

const GOOD =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function failures(policy: string): string[] {
  return checkCspRules(policy, 'test')
    .filter((r) => !r.ok)
    .map((r) => r.id.replace('[test]', ''));
}

function only(results: CheckResult[], id: string): CheckResult {
  const result = results.find((r) => r.id === id);
  if (!result) throw new Error(`no result ${id}`);
  return result;
}

describe('parsing a policy (CSP3 §2.2.1)', () => {
  it('lower-cases directive names and keeps the first occurrence of a directive', () => {
    const csp = parseCsp("Script-Src 'self'; script-src https://cdn.example; ; object-src 'none'");
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });
});

describe('the production policy', () => {
  it('a minimal good policy passes every rule', () => {
    expect(failures(GOOD)).toEqual([]);
  });
});

describe("no 'unsafe-eval'", () => {
  it("fails a script-src with 'unsafe-eval' and names the directive", () => {
    const results = checkCspRules(GOOD.replace("'wasm-unsafe-eval'", "'unsafe-eval'"), 'test');
    expect(only(results, 'csp.no-unsafe-eval[test]')).toMatchObject({ ok: false, details: ["script-src allows 'unsafe-eval'"] });
  });
  it("fails 'unsafe-eval' in default-src, whatever the case", () => {
    expect(failures(GOOD.replace("default-src 'self'", "default-src 'self' 'UNSAFE-EVAL'"))).toContain('csp.no-unsafe-eval');
  });
  it("accepts 'wasm-unsafe-eval' (zxing-wasm needs it, it cannot evaluate text)", () => {
    expect(failures(GOOD)).not.toContain('csp.no-unsafe-eval');
  });
});

describe('no remote origins', () => {
  it.each([
    ['a CDN host in script-src', GOOD.replace("script-src 'self'", "script-src 'self' https://cdn.jsdelivr.net")],
    ['the https: scheme in img-src', GOOD.replace("img-src 'self'", "img-src 'self' https:")],
    ['ws: in connect-src', `${GOOD}; connect-src 'self' ws:`],
    ['a wildcard', GOOD.replace("default-src 'self'", 'default-src *')],
    ['a wildcard subdomain', `${GOOD}; font-src *.example.com`],
    ['http: in default-src', GOOD.replace("default-src 'self'", "default-src 'self' http:")],
  ])('fails %s', (_name, policy) => {
    expect(failures(policy)).toContain('csp.no-remote-origins');
  });
  it('fails a policy without default-src, which leaves unlisted fetch directives open', () => {
    expect(failures(GOOD.replace("default-src 'self'; ", ''))).toContain('csp.no-remote-origins');
  });
  it('accepts blob:, data: and mediastream:', () => {
    expect(failures(`${GOOD}; media-src 'self' blob: mediastream:`)).toEqual([]);
  });
});

describe("object-src 'none'", () => {
  it("fails when object-src is absent and default-src 'self' applies", () => {
    expect(failures(GOOD.replace("object-src 'none'; ", ''))).toContain('csp.object-src-none');
  });
  it("passes when absent but default-src is 'none'", () => {
    const policy = GOOD.replace("object-src 'none'; ", '').replace("default-src 'self'", "default-src 'none'");
    expect(failures(policy)).not.toContain('csp.object-src-none');
  });
  it("fails object-src 'self'", () => {
    expect(failures(GOOD.replace("object-src 'none'", "object-src 'self'"))).toContain('csp.object-src-none');
  });
});

describe("base-uri 'none' or 'self'", () => {
  it('fails when absent (base-uri does not fall back to default-src)', () => {
    expect(failures(GOOD.replace("base-uri 'none'; ", ''))).toContain('csp.base-uri');
  });
  it("passes 'self'", () => {
    expect(failures(GOOD.replace("base-uri 'none'", "base-uri 'self'"))).toEqual([]);
  });
  it("fails 'self' plus another source", () => {
    expect(failures(GOOD.replace("base-uri 'none'", "base-uri 'self' blob:"))).toContain('csp.base-uri');
  });
});

describe("frame-ancestors 'none'", () => {
  it('fails when absent', () => {
    expect(failures(GOOD.replace("; frame-ancestors 'none'", ''))).toContain('csp.frame-ancestors-none');
  });
  it("fails 'self'", () => {
    expect(failures(GOOD.replace("frame-ancestors 'none'", "frame-ancestors 'self'"))).toContain('csp.frame-ancestors-none');
  });
});

describe("script-src without 'unsafe-inline'", () => {
  it("fails script-src 'unsafe-inline'", () => {
    expect(failures(GOOD.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"))).toContain('csp.script-src-no-inline');
  });
  it("fails 'unsafe-inline' reaching scripts through default-src when script-src is absent", () => {
    const policy = GOOD.replace("script-src 'self' 'wasm-unsafe-eval'; ", '').replace("default-src 'self'", "default-src 'self' 'unsafe-inline'");
    expect(failures(policy)).toContain('csp.script-src-no-inline');
  });
  it('fails data: scripts', () => {
    expect(failures(GOOD.replace("script-src 'self'", "script-src 'self' data:"))).toContain('csp.script-src-no-inline');
  });
  it("does not mind style-src 'unsafe-inline' (antd's CSS-in-JS)", () => {
    expect(failures(GOOD)).not.toContain('csp.script-src-no-inline');
  });
});

describe("workers only from 'self'", () => {
  it('fails worker-src blob: (a worker built from a string is eval by another name)', () => {
    expect(failures(`${GOOD}; worker-src 'self' blob:`)).toEqual(['csp.workers-self-only']);
  });
  it("falls back to script-src, then default-src, when worker-src is absent", () => {
    expect(failures(GOOD)).not.toContain('csp.workers-self-only');
    expect(failures(`${GOOD}; child-src 'self' data:`)).toContain('csp.workers-self-only');
  });
  it("passes worker-src 'self'", () => {
    expect(failures(`${GOOD}; worker-src 'self'`)).toEqual([]);
  });
});

describe('the policy a host sends', () => {
  it('fails when one response lacks the header', () => {
    const results = checkSentPolicy({ host: 'browser-host', byPath: new Map([['/', CONTENT_SECURITY_POLICY], ['/assets/x.js', '']]) });
    expect(only(results, 'csp.sent[browser-host]')).toMatchObject({ ok: false, details: ['/assets/x.js: no CSP header'] });
  });
  it('applies the rules to what was sent, not to what host-core defines', () => {
    const weak = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");
    const results = checkSentPolicy({ host: 'electron', byPath: new Map([['/', weak]]) });
    expect(only(results, 'csp.sent[electron]').ok).toBe(false);
    expect(only(results, 'csp.no-unsafe-eval[electron]').ok).toBe(false);
  });
  it("Electron's essc:// handler sends the production CSP on every file and on a 404", async () => {
    const dir = await writeTree({ 'index.html': '<!doctype html>', 'assets/a.js': 'export {}' });
    const sent = await electronSentPolicy(dir, [join(dir, 'index.html'), join(dir, 'assets/a.js')]);
    expect([...sent.byPath.keys()]).toEqual(['/index.html', '/assets/a.js', '/no-such-file.js']);
    expect(new Set(sent.byPath.values())).toEqual(new Set([CONTENT_SECURITY_POLICY]));
    expect(checkSentPolicy(sent)[0]).toMatchObject({ id: 'csp.sent[electron]', ok: true });
  });
});
