// §7 Work System API v1.
import type { FastifyInstance } from 'fastify';
import {
  API_PATHS,
  enrollRequestSchema,
  JOSE_CONTENT_TYPE,
  MAX_AUDIT_BATCH_BYTES,
} from '../../../shared/api/work-system-api';
import type { WorkSystemStore } from '../../store/work-system-store';
import { ApiHttpError } from '../api-error';
import { auditSchema, enrollSchema, healthSchema, revocationsSchema, trustListSchema } from '../route-schemas';

const ENROLL_FAILURES = {
  BAD_CODE: [403, 'bad_code', 'the enrollment code is not known'],
  CODE_USED: [409, 'code_used', 'the enrollment code has already been used'],
  KEY_IN_USE: [409, 'key_in_use', 'this key is already enrolled for another kiosk'],
  BAD_KEY: [400, 'invalid_request', 'jwk is not a point on P-256'],
} as const;

/** True when an If-None-Match header names `etag` (or is `*`); weak validators compare too. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

export function registerV1Routes(app: FastifyInstance, store: WorkSystemStore): void {
  app.addContentTypeParser(JOSE_CONTENT_TYPE, { parseAs: 'string', bodyLimit: MAX_AUDIT_BATCH_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.get(API_PATHS.health, { schema: healthSchema }, async () => ({ ok: true }));

  app.get(API_PATHS.trustList, { schema: trustListSchema }, async (request, reply) => {
    const list = store.currentTrustList();
    const etag = `"trust-${list.seq}"`;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(JOSE_CONTENT_TYPE).send(list.jws);
  });

  app.get<{ Querystring: { since?: number } }>(
    API_PATHS.revocations,
    { schema: revocationsSchema },
    async (request, reply) => {
      const list = await store.revocations.listSince(request.query.since);
      return reply
        .header('cache-control', 'no-cache')
        .header('x-revocation-seq', String(list.seq))
        .type(JOSE_CONTENT_TYPE)
        .send(list.jws);
    },
  );

  app.post(API_PATHS.kiosks, { schema: enrollSchema }, async (request, reply) => {
    const parsed = enrollRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiHttpError(400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const outcome = await store.enrollKiosk(parsed.data);
    if (!outcome.ok) {
      const [status, error, message] = ENROLL_FAILURES[outcome.failure];
      throw new ApiHttpError(status, error, message);
    }
    request.log.info({ kioskId: outcome.kioskId, kid: outcome.kid }, 'kiosk enrolled');
    return reply.code(201).send({ kioskId: outcome.kioskId, kid: outcome.kid });
  });

  app.post(API_PATHS.audit, { schema: auditSchema, bodyLimit: MAX_AUDIT_BATCH_BYTES }, async (request, reply) => {
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== JOSE_CONTENT_TYPE || typeof request.body !== 'string') {
      throw new ApiHttpError(415, 'unsupported_media_type', `send the signed batch as ${JOSE_CONTENT_TYPE}`);
    }
    const result = await store.takeInAuditBatch(request.body);
    if (result.status !== 200) {
      request.log.warn({ status: result.status, error: result.error }, result.message);
      const { status, ...body } = result;
      return reply.code(status).send(body);
    }
    request.log.info({ kioskId: result.kioskId, ...result.ack }, 'audit batch taken in');
    return result.ack;
  });
}
