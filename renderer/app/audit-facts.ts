// Audit facts for events the UI records itself (a host config change). Sign-in/out and operator
// changes are recorded by the operator store.
import { auditFacts, type AuditEventFacts } from '../audit/audit-facts';

export function settingsChangeFacts(): AuditEventFacts {
  return auditFacts('settings_change');
}
