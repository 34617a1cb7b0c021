// §7 Work System API v1: paths, bodies and limits shared by the reference server, the kiosk's
// sync engine and the tests. Schemas parse what crosses the wire, in both directions.
import { z } from 'zod';
import { auditEntrySchema } from '../audit/audit-entry';

export const API_PATHS = {
  health: '/v1/health',
  trustList: '/v1/trust-list',
  revocations: '/v1/revocations',
  kiosks: '/v1/kiosks',
  audit: '/v1/audit',
} as const;

export const JOSE_CONTENT_TYPE = 'application/jose';
export const MAX_AUDIT_BATCH_ENTRIES = 1000;
export const MAX_AUDIT_BATCH_BYTES = 1024 * 1024;
export const AUDIT_BATCH_TYP = 'essc-audit+jws';

export const apiErrorSchema = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export const healthResponseSchema = z.object({ ok: z.literal(true) });

const p256PublicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export const enrollRequestSchema = z.strictObject({
  code: z.string().min(6).max(64),
  name: z.string().min(1).max(100),
  office: z.string().min(1).max(200),
  jwk: p256PublicJwkSchema,
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({ kioskId: z.string().min(1).max(64), kid: z.string().length(11) });
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/** The payload of the kiosk-signed JWS posted to /v1/audit (and exported to removable media). */
export const auditBatchSchema = z.strictObject({
  kiosk: z.string().min(1).max(64),
  entries: z.array(auditEntrySchema).min(1).max(MAX_AUDIT_BATCH_ENTRIES),
});
export type AuditBatch = z.infer<typeof auditBatchSchema>;

export const auditAckSchema = z.object({
  stored: z.int().nonnegative(),
  duplicates: z.int().nonnegative(),
  lastSeq: z.int().nonnegative(),
});
export type AuditAck = z.infer<typeof auditAckSchema>;

export const auditGapSchema = z.object({
  error: z.string(),
  message: z.string(),
  expectedSeq: z.int().positive(),
});
export type AuditGap = z.infer<typeof auditGapSchema>;
