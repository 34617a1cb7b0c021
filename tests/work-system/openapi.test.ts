import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS } from '../../shared/api/work-system-api';
import { startTestServer } from './helpers';

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

const doc = load(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as OpenApiDoc;

describe('docs/openapi.yaml matches the server', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    // Demo and fault routes registered too: they must not leak into the §7 surface.
    ws = await startTestServer({ demo: true, faults: true });
  });
  afterAll(() => ws.stop());

  const documented = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, codes: Object.keys(op.responses).sort() })),
    );
  const served = () =>
    ws.routes.filter((r) => r.url.startsWith('/v1/')).map((r) => ({ key: `${r.method} ${r.url}`, codes: [...r.statusCodes].sort() }));

  it('documents every /v1 route of the server and nothing else', () => {
    expect(documented().map((d) => d.key).sort()).toEqual(served().map((s) => s.key).sort());
    expect(new Set(Object.keys(doc.paths))).toEqual(new Set(Object.values(API_PATHS)));
  });

  it('documents exactly the status codes each route schema declares', () => {
    const byKey = new Map(served().map((s) => [s.key, s.codes]));
    for (const d of documented()) expect(d.codes, d.key).toEqual(byKey.get(d.key));
  });

  it('the server really answers with the documented codes (spot checks)', async () => {
    const codes = (key: string) => documented().find((d) => d.key === key)!.codes;
    const enroll = await fetch(`${ws.url}/v1/kiosks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(codes('POST /v1/kiosks')).toContain(String(enroll.status));
    const audit = await fetch(`${ws.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(codes('POST /v1/audit')).toContain(String(audit.status));
    const rev = await fetch(`${ws.url}/v1/revocations?since=x`);
    expect(codes('GET /v1/revocations')).toContain(String(rev.status));
  });
});
