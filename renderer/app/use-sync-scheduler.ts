// Runs the SyncScheduler while a Work System URL is configured: a round at start, on the
// window's 'online' hint (checked by a probe), on a timer with backoff, and on "Sync now".
// Stopped (the round in progress asked to stop between batches) on unmount, URL change and page
// hide, so shutdown never leaves a batch half-marked.
import { useCallback, useEffect, useRef, useState } from 'react';
import { SyncScheduler, windowConnectivity, type SyncState } from '../sync/sync-scheduler';
import type { KioskServicesUi } from './kiosk-contract';

export interface SchedulerHandle {
  /** null while no Work System is configured. */
  readonly state: SyncState | null;
  /** "Sync now": joins a round in progress; resolves with the state after it. */
  readonly trigger: () => Promise<SyncState | null>;
}

export function useSyncScheduler(services: KioskServicesUi, workSystemUrl: string | null, onRoundEnd: () => void): SchedulerHandle {
  // A stopped scheduler cannot start again, so each effect run makes its own (StrictMode runs
  // effects twice); the state is tagged with the URL it belongs to.
  const scheduler = useRef<SyncScheduler | null>(null);
  const [tagged, setTagged] = useState<{ url: string; state: SyncState } | null>(null);
  const roundEnd = useRef(onRoundEnd);
  useEffect(() => {
    roundEnd.current = onRoundEnd;
  }, [onRoundEnd]);

  useEffect(() => {
    if (workSystemUrl === null) return;
    const current = new SyncScheduler({
      sync: services.sync,
      pendingCount: () => services.audit.pendingCount(),
      connectivity: windowConnectivity(window),
    });
    scheduler.current = current;
    let wasSyncing = false;
    const unsubscribe = current.subscribe((state) => {
      setTagged({ url: workSystemUrl, state });
      if (wasSyncing && !state.syncing) roundEnd.current();
      wasSyncing = state.syncing;
    });
    const stop = () => void current.stop();
    window.addEventListener('pagehide', stop);
    current.start();
    return () => {
      window.removeEventListener('pagehide', stop);
      unsubscribe();
      void current.stop();
      if (scheduler.current === current) scheduler.current = null;
    };
  }, [services, workSystemUrl]);

  const trigger = useCallback(async () => (scheduler.current ? scheduler.current.trigger('manual') : null), []);
  const state = workSystemUrl !== null && tagged?.url === workSystemUrl ? tagged.state : null;
  return { state, trigger };
}
