// Fastify route schemas of the §7 API. docs/openapi.yaml describes the same routes; a test holds
// the two together (paths, methods and status codes).
import { z } from 'zod';
import { enrollRequestSchema } from '../../shared/api/work-system-api';

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

const errorWithSeq = {
  type: 'object',
  required: ['error', 'message', 'expectedSeq'],
  properties: { ...errorBody.properties, expectedSeq: { type: 'integer', minimum: 1 } },
} as const;

const joseBody = (description: string) => ({
  description,
  content: { 'application/jose': { schema: { type: 'string' } } },
});

/** The enrollment body, from the same zod schema the handler parses with. */
const enrollBody = z.toJSONSchema(enrollRequestSchema, { target: 'draft-7' }) as Record<string, unknown>;
delete enrollBody.$schema;

export const healthSchema = {
  response: {
    200: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean', const: true } } },
  },
};

export const trustListSchema = {
  headers: { type: 'object', properties: { 'if-none-match': { type: 'string' } } },
  response: {
    200: joseBody('The current trust list (§3), with an ETag'),
    304: { description: 'Not modified: If-None-Match holds the current ETag', type: 'null' },
  },
};

export const revocationsSchema = {
  querystring: {
    type: 'object',
    properties: { since: { type: 'integer', minimum: 0, maximum: 999_999_999_999_999 } },
    additionalProperties: false,
  },
  response: {
    200: joseBody('A delta from `since` when it is a known seq, else a snapshot (since: 0)'),
    400: errorBody,
  },
};

export const enrollSchema = {
  body: enrollBody,
  response: {
    201: {
      type: 'object',
      required: ['kioskId', 'kid'],
      properties: { kioskId: { type: 'string' }, kid: { type: 'string' } },
    },
    400: errorBody,
    403: errorBody,
    409: errorBody,
    413: errorBody,
    415: errorBody,
  },
};

export const auditSchema = {
  response: {
    200: {
      type: 'object',
      required: ['stored', 'duplicates', 'lastSeq'],
      properties: {
        stored: { type: 'integer', minimum: 0 },
        duplicates: { type: 'integer', minimum: 0 },
        lastSeq: { type: 'integer', minimum: 0 },
      },
    },
    400: errorBody,
    401: errorBody,
    409: errorWithSeq,
    413: errorBody,
    415: errorBody,
    422: errorBody,
  },
};
