// The host API: everything the renderer may ask of its host (Electron main in production, the
// browser host server for `npm run web` and the browser tests). One channel map — name, request
// schema, response schema — validated on the host side before any handler runs.
import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A JWKS of pinned trust anchors: public P-256 keys only (a private `d` is stripped, never kept). */
export const anchorsJwksSchema = z.object({
  keys: z
    .array(z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), kid: z.string().optional() }))
    .min(1)
    .max(16),
});

/** Kiosk configuration, stored as a validated JSON file in the host's user-data folder. */
export const kioskConfigSchema = z.object({
  /** Base URL of the Work System; null for a kiosk that only syncs by removable media. */
  workSystemUrl: z.url({ protocol: /^https?$/ }).nullable(),
  kioskName: z.string().min(1).max(100),
  office: z.string().min(1).max(200),
  /** The pinned trust anchors (a JWKS): production anchors from resources/, demo ones in demo mode. */
  anchors: anchorsJwksSchema,
  anchorsSource: z.enum(['pinned', 'demo', 'custom']),
  language: z.enum(LANGUAGES),
  /** Seconds after which a shown result clears itself. */
  autoClearSeconds: z.int().min(10).max(600),
  /** Minutes without activity after which the signed-in officer is locked out (UI default 5). */
  idleLockMinutes: z.int().min(1).max(120).optional(),
  kioskMode: z.boolean(),
  /** Demo mode only: a one-time enrollment code the host obtained from the reference server. */
  demoEnrollCode: z.string().max(64).nullable(),
  /** Update feed (electron-updater generic provider); absent or null = updates off (the default). */
  updateUrl: z.url({ protocol: /^https$/ }).nullable().optional(),
});
export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export const kioskConfigPatchSchema = kioskConfigSchema
  .pick({ workSystemUrl: true, kioskName: true, office: true, anchors: true, language: true, autoClearSeconds: true, idleLockMinutes: true, kioskMode: true, updateUrl: true })
  .partial()
  .extend({ anchorsSource: z.enum(['pinned', 'custom']).optional() });
export type KioskConfigPatch = z.infer<typeof kioskConfigPatchSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  demo: z.boolean(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Work System requests are relative to the configured base URL and limited to the v1 API. */
export const workSystemRequestSchema = z.object({
  method: z.enum(['GET', 'POST']),
  path: z.string().regex(/^\/v1\/(health|trust-list|revocations(\?since=\d{1,15})?|kiosks|audit)$/, 'not a Work System API path'),
  headers: z
    .object({ 'if-none-match': z.string().max(200).optional(), 'content-type': z.enum(['application/json', 'application/jose']).optional() })
    .optional(),
  body: z.string().max(2 * 1024 * 1024).optional(),
  timeoutMs: z.int().min(100).max(120_000).optional(),
});
export type WorkSystemRequest = z.infer<typeof workSystemRequestSchema>;

export const workSystemResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    status: z.int(),
    etag: z.string().nullable(),
    contentType: z.string().nullable(),
    body: z.string(),
  }),
  /** The request never got a usable HTTP answer. */
  // TOO_LARGE: the answer exceeded the host's response cap; REFUSED: the host would not send it
  // (target outside the configured Work System, or a request the host's own check rejected).
  z.object({
    ok: z.literal(false),
    failure: z.enum(['NOT_CONFIGURED', 'OFFLINE', 'TIMEOUT', 'ABORTED', 'TOO_LARGE', 'REFUSED']),
    message: z.string(),
  }),
]);
export type WorkSystemResponse = z.infer<typeof workSystemResponseSchema>;

export const savePdfResultSchema = z.object({ saved: z.boolean(), path: z.string().nullable() });

/** name → [request schema, response schema]. */
export const HOST_CHANNELS = {
  'app:info': [z.void(), appInfoSchema],
  'config:get': [z.void(), kioskConfigSchema],
  'config:set': [kioskConfigPatchSchema, kioskConfigSchema],
  'work-system:request': [workSystemRequestSchema, workSystemResponseSchema],
  'slip:print': [z.void(), z.object({ printed: z.boolean() })],
  'slip:save-pdf': [z.object({ fileName: z.string().regex(/^[\w.-]{1,80}\.pdf$/) }), savePdfResultSchema],
} as const;

export type HostChannel = keyof typeof HOST_CHANNELS;
export type HostRequest<C extends HostChannel> = z.input<(typeof HOST_CHANNELS)[C][0]>;
export type HostResponse<C extends HostChannel> = z.output<(typeof HOST_CHANNELS)[C][1]>;

/** What the renderer sees: named async functions, one per channel. */
export interface HostApi {
  appInfo(): Promise<AppInfo>;
  getConfig(): Promise<KioskConfig>;
  setConfig(patch: KioskConfigPatch): Promise<KioskConfig>;
  workSystem(request: WorkSystemRequest): Promise<WorkSystemResponse>;
  printSlip(): Promise<{ printed: boolean }>;
  saveSlipPdf(request: { fileName: string }): Promise<{ saved: boolean; path: string | null }>;
}
