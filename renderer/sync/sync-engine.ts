// Issue 5: enrollment, trust/revocation download and audit upload through host.workSystem.
export interface SyncEngine {
  /** Runs one sync round now. */
  syncNow(): Promise<void>;
}
