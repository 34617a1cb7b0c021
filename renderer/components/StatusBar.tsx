// Bottom status bar: connectivity, trust data freshness, pending uploads, kiosk id and clock.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tag } from 'antd';
import { useKiosk } from '../app/kiosk-context';
import type { TrustStatus } from '../app/kiosk-contract';
import { formatAge, formatLocalDateTime } from '../app/format';
import { useNow } from './use-now';

function useOnline(): boolean {
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

/** Whether the Work System answered the last sync round (null: no round yet). */
function ConnectionTag(props: { online: boolean; configured: boolean; reachable: boolean | null }) {
  const { t } = useTranslation();
  const [color, key] = !props.configured
    ? ['default', 'statusBar.neverOnline']
    : !props.online
      ? ['orange', 'statusBar.offline']
      : props.reachable === null
        ? ['default', 'statusBar.connecting']
        : props.reachable
          ? ['green', 'statusBar.online']
          : ['orange', 'statusBar.unreachable'];
  return (
    <Tag color={color} data-testid="status-connection">
      {t(key)}
    </Tag>
  );
}

export function StatusBar() {
  const { t } = useTranslation();
  const { services, config, syncReport, kioskId, operator, statusVersion, now: kioskNow } = useKiosk();
  const now = useNow(kioskNow, 1000);
  const online = useOnline();
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
      <ConnectionTag online={online} configured={config.workSystemUrl !== null} reachable={syncReport ? syncReport.trust.ok : null} />
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
      <span className="status-bar-spacer" />
      {operator && <span>{t('statusBar.operator', { id: operator.id })}</span>}
      <span>{t('statusBar.kiosk', { id: kioskId })}</span>
      <span className="status-bar-clock">{formatLocalDateTime(now)}</span>
    </footer>
  );
}
