// What every screen needs, provided once by the shell: the host, the live config, the data
// layer, scanning tools and the signed-in officer.
import { createContext, useContext } from 'react';
import type { HostApi, KioskConfig, KioskConfigPatch } from '../../shared/host/host-api';
import type { KioskServicesUi, MediaUi, Operator, ScanToolkit, SyncReport } from './kiosk-contract';
import type { SyncState } from '../sync/sync-scheduler';

export interface KioskContextValue {
  readonly host: HostApi;
  readonly config: KioskConfig;
  /** Saves through the host and records a settings_change audit entry. */
  updateConfig(patch: KioskConfigPatch): Promise<KioskConfig>;
  readonly services: KioskServicesUi;
  readonly scan: ScanToolkit;
  readonly operator: Operator | null;
  readonly kioskId: string;
  /** Bumped after anything that changes the status bar (a verification, an update, a sync). */
  readonly statusVersion: number;
  refreshStatus(): void;
  /** The SyncScheduler's observable state (null: no Work System configured). */
  readonly syncState: SyncState | null;
  /** Removable-media import, when the host wires it. */
  readonly media: MediaUi | null;
  /** The last sync round with the Work System (null: none yet, or no Work System configured). */
  readonly syncReport: SyncReport | null;
  /** "Sync now": the scheduler's manual trigger (joins a round in progress; null without a URL). */
  syncNow(): Promise<SyncReport | null>;
  now(): Date;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (value === null) throw new Error('useKiosk outside KioskContext');
  return value;
}
