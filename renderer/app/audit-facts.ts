// Audit facts for events the UI records itself (a host config change); fields that do not
// apply are null (§8). Sign-in/out and operator changes are recorded by the operator store.
import type { AuditEventFacts } from './kiosk-contract';

export function settingsChangeFacts(): AuditEventFacts {
  return {
    event: 'settings_change',
    verdict: null,
    reasons: null,
    warnings: null,
    typ: null,
    iss: null,
    kid: null,
    permitNo: null,
    jti: null,
    token: null,
    trustSeq: null,
    revocationSeq: null,
  };
}
