// The Status screen's Work System part: address, enrollment, last sync round, "sync now".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Descriptions, Input, Space, Tag } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useKiosk } from '../app/kiosk-context';
import type { StepOutcome, SyncReport } from '../app/kiosk-contract';
import { formatLocalDateTime } from '../app/format';

function StepTag({ outcome }: { outcome: StepOutcome }) {
  const { t } = useTranslation();
  if (!outcome.ok) return <Tag color="error">{t('status.stepFailed', { reason: t(`status.failure.${outcome.failure}`) })}</Tag>;
  return <Tag color="success">{outcome.changed ? t('status.stepChanged') : t('status.stepOk')}</Tag>;
}

function UploadTag({ audit }: { audit: SyncReport['audit'] }) {
  const { t } = useTranslation();
  if (!audit.ok) return <Tag color="error">{t('status.stepFailed', { reason: t(`status.failure.${audit.failure ?? 'HTTP'}`) })}</Tag>;
  return <Tag color="success">{t('status.uploaded', { count: audit.uploaded })}</Tag>;
}

export function WorkSystemCard() {
  const { t } = useTranslation();
  const { config, services, operator, syncReport, syncNow, refreshStatus } = useKiosk();
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
        <Button icon={<SyncOutlined spin={busy === 'sync'} />} onClick={() => void sync()} disabled={busy !== null} data-testid="sync-now">
          {t('status.syncNow')}
        </Button>
      }
    >
      <Descriptions column={1}>
        <Descriptions.Item label={t('status.url')}>
          <code>{config.workSystemUrl}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.enrollment')}>
          <span data-testid="enrollment-state">{services.sync.enrolled ? t('status.enrolled') : t('status.notEnrolled')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.lastSync')}>
          <span data-testid="last-sync">{syncReport ? formatLocalDateTime(new Date(syncReport.at)) : t('status.never')}</span>
        </Descriptions.Item>
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
