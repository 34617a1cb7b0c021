// Outcomes of sync steps and the small helpers that read Work System answers.
import { apiErrorSchema } from '../../shared/api/work-system-api';
import type { WorkSystemResponse } from '../../shared/host/host-api';

/** Why a step did not complete; `message` is for logs and the status screen's details. */
export type SyncFailure =
  /** Transport: NOT_CONFIGURED (no Work System URL: a removable-media kiosk), OFFLINE, TIMEOUT… */
  | Extract<WorkSystemResponse, { ok: false }>['failure']
  | 'HTTP' // an unexpected status
  | 'REJECTED' // the list arrived but failed verification (never applied)
  | 'NOT_ENROLLED'
  | 'BAD_CODE'
  | 'CODE_USED'
  | 'KEY_IN_USE' // this key is enrolled already: enroll() retries once with a fresh key
  | 'UNAUTHORIZED' // 401: the server does not know this kiosk's key
  | 'CHAIN_MISMATCH' // 422: the server holds a different chain; entries are kept, upload stops
  | 'GAP_UNRECOVERABLE' // 409 for entries already purged here
  | 'CANCELLED'; // stopped on request (shutdown) between batches; nothing half-done

export type StepOutcome =
  | { readonly ok: true; readonly changed: boolean; readonly detail?: string }
  | { readonly ok: false; readonly failure: SyncFailure; readonly message: string };

export function transportFailure(response: Extract<WorkSystemResponse, { ok: false }>): StepOutcome {
  return { ok: false, failure: response.failure, message: response.message };
}

export function httpFailure(response: Extract<WorkSystemResponse, { ok: true }>): StepOutcome {
  return { ok: false, failure: 'HTTP', message: `${response.status}: ${errorMessage(response.body)}` };
}

export function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

export function errorMessage(body: string): string {
  const parsed = apiErrorSchema.safeParse(safeJson(body));
  return parsed.success ? `${parsed.data.error}: ${parsed.data.message}` : body.slice(0, 200);
}
