// What every screen needs, provided once by the shell: the host, the live config, the data
// layer, scanning tools and the signed-in officer.
import { createContext, useContext } from 'react';
import type { HostApi, KioskConfig, KioskConfigPatch } from '../../shared/host/host-api';
import type { KioskServicesUi, Operator, ScanToolkit, SyncReport } from './kiosk-contract';

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
  /** The last sync round with the Work System (null: none yet, or no Work System configured). */
  readonly syncReport: SyncReport | null;
  /** Runs a sync round now (no-op without a Work System URL). */
  syncNow(): Promise<SyncReport | null>;
  now(): Date;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (value === null) throw new Error('useKiosk outside KioskContext');
  return value;
}
