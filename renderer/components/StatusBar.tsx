// Bottom status bar: connectivity (the sync scheduler's probe), last successful sync, trust data
// freshness, pending uploads, sync progress, kiosk id and clock.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tag } from 'antd';
import { useKiosk } from '../app/kiosk-context';
import type { TrustStatus } from '../app/kiosk-contract';
import { formatAge, formatLocalDateTime } from '../app/format';
import { useNow } from './use-now';
import { SyncProgress } from './SyncProgress';

/** Whether the browser thinks it has a network at all (a hint: the scheduler's probe decides). */
function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Connectivity as the SyncScheduler's probe of the Work System found it (null: not probed yet). */
function ConnectionTag(props: { browserOnline: boolean; configured: boolean; reachable: boolean | null }) {
  const { t } = useTranslation();
  const [color, key] = !props.configured
    ? ['default', 'statusBar.neverOnline']
    : !props.browserOnline
      ? ['orange', 'statusBar.offline']
      : props.reachable === null
        ? ['default', 'statusBar.connecting']
        : props.reachable
          ? ['green', 'statusBar.online']
          : ['orange', 'statusBar.unreachable'];
  return (
    <Tag color={color} data-testid="status-connection" data-online={props.configured && props.browserOnline && props.reachable === true}>
      {t(key)}
    </Tag>
  );
}

export function StatusBar() {
  const { t } = useTranslation();
  const { services, config, syncState, kioskId, operator, statusVersion, now: kioskNow } = useKiosk();
  const now = useNow(kioskNow, 1000);
  const browserOnline = useBrowserOnline();
  const [status, setStatus] = useState<TrustStatus | null>(null);
  const [pending, setPending] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => {
      void services.trust.status().then((s) => live && setStatus(s), () => undefined);
      void services.audit.pendingCount().then((n) => live && setPending(n), () => undefined);
    };
    load();
    const timer = window.setInterval(load, 30_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [services, statusVersion]);

  const trustStale =
    status?.trustIat != null && status.trustStaleAfter != null && now.getTime() / 1000 >= status.trustIat + status.trustStaleAfter;
  const revStale =
    status?.revocationIat != null &&
    status.revocationStaleAfter != null &&
    now.getTime() / 1000 >= status.revocationIat + status.revocationStaleAfter;

  return (
    <footer className="status-bar" data-testid="status-bar">
      <ConnectionTag browserOnline={browserOnline} configured={config.workSystemUrl !== null} reachable={syncState?.online ?? null} />
      {syncState && (
        <Tag color={syncState.lastError ? 'orange' : 'default'} data-testid="status-last-sync">
          {syncState.lastSuccessAt === null
            ? t('statusBar.lastSyncNever')
            : t('statusBar.lastSync', { age: formatAge(t, Math.floor(syncState.lastSuccessAt / 1000), now) })}
        </Tag>
      )}
      {status?.trustSeq != null && status.trustIat != null ? (
        <Tag color={trustStale ? 'orange' : 'blue'} data-testid="status-trust">
          {t('statusBar.trust', { seq: status.trustSeq, age: formatAge(t, status.trustIat, now) })}
        </Tag>
      ) : (
        <Tag color="red" data-testid="status-trust">{t('statusBar.trustNone')}</Tag>
      )}
      {status?.revocationSeq != null && status.revocationIat != null ? (
        <Tag color={revStale ? 'orange' : 'blue'}>
          {t('statusBar.revocations', { seq: status.revocationSeq, age: formatAge(t, status.revocationIat, now) })}
        </Tag>
      ) : (
        <Tag color="orange">{t('statusBar.revocationsNone')}</Tag>
      )}
      {pending !== null && <Tag data-testid="status-pending">{t('statusBar.pending', { count: pending })}</Tag>}
      <SyncProgress state={syncState} locale={config.language} />
      <span className="status-bar-spacer" />
      {operator && <span>{t('statusBar.operator', { id: operator.id })}</span>}
      <span>{t('statusBar.kiosk', { id: kioskId })}</span>
      <span className="status-bar-clock">{formatLocalDateTime(now)}</span>
    </footer>
  );
}
