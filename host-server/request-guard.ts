// The browser host listens on loopback, where any web page the same browser visits could try to
// reach it. A host call is accepted only when it plainly comes from our own page: the Host header
// names this server (defeats DNS rebinding), the Origin (when sent) is this server, the fetch
// metadata says same-origin, and the body is JSON (a cross-site JSON POST needs a CORS preflight,
// which this server never grants).
export interface GuardFacts {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly secFetchSite: string | undefined;
  readonly contentType: string | undefined;
  readonly hasBody: boolean;
}

export type GuardDecision = { readonly ok: true } | { readonly ok: false; readonly status: 403 | 415; readonly code: string; readonly message: string };

/** `trustedOrigins`: development only, the Vite dev server that proxies /__host here. */
export function checkHostCall(facts: GuardFacts, allowedHosts: ReadonlySet<string>, trustedOrigins: ReadonlySet<string> = new Set()): GuardDecision {
  if (!facts.host || !allowedHosts.has(facts.host.toLowerCase())) return refuse(403, 'forbidden_host', 'unexpected Host header');
  if (facts.origin !== undefined && facts.origin !== `http://${facts.host.toLowerCase()}` && !trustedOrigins.has(facts.origin)) {
    return refuse(403, 'forbidden_origin', 'cross-origin host calls are refused');
  }
  if (facts.secFetchSite !== undefined && facts.secFetchSite !== 'same-origin' && facts.secFetchSite !== 'none') {
    return refuse(403, 'forbidden_origin', 'cross-site host calls are refused');
  }
  if (facts.hasBody && !/^application\/json(\s*;|$)/i.test(facts.contentType ?? '')) {
    return refuse(415, 'unsupported_media_type', 'host calls carry application/json');
  }
  return { ok: true };
}

/** Host header values that name this server when it listens on `host:port`. */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const names = new Set([`${host}:${port}`]);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    for (const loopback of ['127.0.0.1', 'localhost', '[::1]']) names.add(`${loopback}:${port}`);
  }
  return new Set([...names].map((name) => name.toLowerCase()));
}

function refuse(status: 403 | 415, code: string, message: string): GuardDecision {
  return { ok: false, status, code, message };
}
