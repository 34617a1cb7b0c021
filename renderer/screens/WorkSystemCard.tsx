// The Status screen's Work System part: address, enrollment, connectivity, last successful sync,
// the last round's steps, the scheduler's error in plain words (with advice for admins), "sync now".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Descriptions, Input, Space, Tag } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useKiosk } from '../app/kiosk-context';
import type { StepOutcome, SyncReport } from '../app/kiosk-contract';
import type { SyncState } from '../sync/sync-scheduler';
import { formatAge, formatLocalDateTime } from '../app/format';
import { describeSyncError, syncFailureText } from '../app/sync-errors';
import { useNow } from '../components/use-now';

function StepTag({ outcome }: { outcome: StepOutcome }) {
  const { t } = useTranslation();
  if (!outcome.ok) return <Tag color="error">{t('status.stepFailed', { reason: syncFailureText(t, outcome.failure, outcome.message) })}</Tag>;
  return <Tag color="success">{outcome.changed ? t('status.stepChanged') : t('status.stepOk')}</Tag>;
}

function UploadTag({ audit }: { audit: SyncReport['audit'] }) {
  const { t } = useTranslation();
  if (!audit.ok) return <Tag color="error">{t('status.stepFailed', { reason: syncFailureText(t, audit.failure ?? 'HTTP', audit.message) })}</Tag>;
  return <Tag color="success">{t('status.uploaded', { count: audit.uploaded })}</Tag>;
}

export function WorkSystemCard() {
  const { t } = useTranslation();
  const { config, services, operator, syncReport, syncState, syncNow, refreshStatus, now: kioskNow } = useKiosk();
  const now = useNow(kioskNow, 10_000);
  const [code, setCode] = useState(config.demoEnrollCode ?? '');
  const [busy, setBusy] = useState<'sync' | 'enroll' | null>(null);
  const [enrollOutcome, setEnrollOutcome] = useState<StepOutcome | null>(null);
  const isAdmin = operator?.role === 'admin';

  if (config.workSystemUrl === null) {
    return (
      <Card title={t('status.workSystem')}>
        <Alert type="info" showIcon title={t('status.notConfigured')} />
      </Card>
    );
  }

  const enroll = async () => {
    setBusy('enroll');
    try {
      const outcome = await services.sync.enroll(code.trim(), operator?.id ?? null);
      setEnrollOutcome(outcome);
      // The new kiosk id shows at once; the first round of the enrolled chain follows.
      refreshStatus();
      if (outcome.ok) await syncNow();
    } finally {
      setBusy(null);
      refreshStatus();
    }
  };

  const sync = async () => {
    setBusy('sync');
    try {
      await syncNow();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={t('status.workSystem')}
      data-testid="work-system-card"
      extra={
        <Button
          icon={<SyncOutlined spin={busy === 'sync' || syncState?.syncing === true} />}
          onClick={() => void sync()}
          disabled={busy !== null}
          data-testid="sync-now"
        >
          {t('status.syncNow')}
        </Button>
      }
    >
      {syncState?.lastError && <SyncErrorAlert error={syncState.lastError} forAdmin={isAdmin} />}
      <Descriptions column={1}>
        <Descriptions.Item label={t('status.url')}>
          <code>{config.workSystemUrl}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.enrollment')}>
          <span data-testid="enrollment-state">{services.sync.enrolled ? t('status.enrolled') : t('status.notEnrolled')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.connection')}>
          <span data-testid="ws-connection">
            {syncState?.online == null ? t('statusBar.connecting') : syncState.online ? t('statusBar.online') : t('statusBar.unreachable')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.lastSync')}>
          <span data-testid="last-sync">
            {syncState?.lastSuccessAt != null
              ? `${formatLocalDateTime(new Date(syncState.lastSuccessAt))} · ${formatAge(t, Math.floor(syncState.lastSuccessAt / 1000), now)}`
              : t('status.never')}
          </span>
        </Descriptions.Item>
        {syncState?.pending != null && (
          <Descriptions.Item label={t('status.pending')}>
            <span data-testid="ws-pending">{syncState.pending}</span>
          </Descriptions.Item>
        )}
        {syncReport && (
          <Descriptions.Item label={t('status.step.trust')}>
            <StepTag outcome={syncReport.trust} />
          </Descriptions.Item>
        )}
        {syncReport && (
          <Descriptions.Item label={t('status.step.revocations')}>
            <StepTag outcome={syncReport.revocations} />
          </Descriptions.Item>
        )}
        {syncReport && (
          <Descriptions.Item label={t('status.step.audit')}>
            <span data-testid="sync-audit">
              <UploadTag audit={syncReport.audit} />
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {!services.sync.enrolled && isAdmin && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input placeholder={t('status.enrollCode')} value={code} onChange={(e) => setCode(e.target.value)} data-testid="enroll-code" />
          <Button type="primary" loading={busy === 'enroll'} disabled={code.trim() === ''} onClick={() => void enroll()} data-testid="enroll">
            {t('status.enroll')}
          </Button>
        </Space.Compact>
      )}
      {enrollOutcome && (
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          data-testid="enroll-outcome"
          type={enrollOutcome.ok ? 'success' : 'error'}
          title={
            enrollOutcome.ok
              ? t('status.enrollDone', { id: enrollOutcome.detail ?? '' })
              : t('status.enrollFailed', { reason: t(`status.failure.${enrollOutcome.failure}`) })
          }
        />
      )}
    </Card>
  );
}

/** The scheduler's last error: what failed, in plain words; admins also get what to do and the detail. */
function SyncErrorAlert({ error, forAdmin }: { error: NonNullable<SyncState['lastError']>; forAdmin: boolean }) {
  const { t } = useTranslation();
  const { title, advice } = describeSyncError(t, error);
  return (
    <Alert
      style={{ marginBottom: 12 }}
      showIcon
      type={error.code === 'CHAIN_MISMATCH' || error.code === 'REJECTED' ? 'error' : 'warning'}
      data-testid="sync-error"
      data-code={error.code}
      title={title}
      description={
        forAdmin ? (
          <>
            <div>{advice}</div>
            {error.detail && <div className="muted">{t('sync.detail', { detail: error.detail })}</div>}
          </>
        ) : undefined
      }
    />
  );
}
