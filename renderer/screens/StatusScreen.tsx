// Trust data freshness and integrity, pending uploads, kiosk id and clock; manual update from
// .jws files for kiosks that are never online.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Descriptions, Progress, Space, Tag } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useKiosk } from '../app/kiosk-context';
import type { ApplyOutcome, TrustStatus } from '../app/kiosk-contract';
import { formatAge, formatEpochSeconds, formatLocalDateTime } from '../app/format';
import { pickTextFile } from '../components/pick-text-file';
import { useNow } from '../components/use-now';
import { WorkSystemCard } from './WorkSystemCard';
import { MediaCard } from './MediaCard';

/** A thrown error (not a refusal by the store) is shown like a refusal with its message. */
type ShownOutcome =
  ApplyOutcome | { readonly applied: false; readonly failure: 'ERROR'; readonly message: string };
type UpdateState = {
  readonly what: 'trust' | 'revocations';
  readonly outcome?: ShownOutcome;
  readonly progress?: [number, number];
};

export function StatusScreen() {
  const { t } = useTranslation();
  const { services, kioskId, operator, statusVersion, refreshStatus, now: kioskNow } = useKiosk();
  const now = useNow(kioskNow, 1000);
  const [status, setStatus] = useState<TrustStatus | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [update, setUpdate] = useState<UpdateState | null>(null);

  useEffect(() => {
    void services.trust.status().then(setStatus);
    void services.audit.pendingCount().then(setPending);
  }, [services, statusVersion]);

  const apply = async (what: UpdateState['what']) => {
    const file = await pickTextFile('.jws,.txt,application/jose');
    if (!file) return;
    setUpdate({ what });
    const jws = file.text.trim();
    try {
      const outcome =
        what === 'trust'
          ? await services.trust.applyTrustListJws(jws, { operator: operator?.id ?? null })
          : await services.trust.applyRevocationJws(
              jws,
              (done, total) => setUpdate({ what, progress: [done, total] }),
              {
                operator: operator?.id ?? null,
              },
            );
      setUpdate({ what, outcome });
    } catch (e) {
      setUpdate({
        what,
        outcome: { applied: false, failure: 'ERROR', message: e instanceof Error ? e.message : String(e) },
      });
    }
    refreshStatus();
  };

  const none = t('status.none');
  const seconds = now.getTime() / 1000;
  const trustStale =
    status?.trustIat != null &&
    status.trustStaleAfter != null &&
    seconds >= status.trustIat + status.trustStaleAfter;
  const revStale =
    status?.revocationIat != null &&
    status.revocationStaleAfter != null &&
    seconds >= status.revocationIat + status.revocationStaleAfter;

  return (
    <div className="status-screen" data-testid="status-screen">
      <h2 className="page-title">{t('status.title')}</h2>
      <div className="status-cards">
        <Card title={t('status.trustList')}>
          <Descriptions column={1}>
            <Descriptions.Item label={t('status.seq')}>
              <span data-testid="status-trust-seq">{status?.trustSeq ?? none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('status.age')}>
              {status?.trustIat != null ? (
                <Tag color={trustStale ? 'orange' : 'blue'}>
                  {formatEpochSeconds(status.trustIat)} · {formatAge(t, status.trustIat, now)}
                </Tag>
              ) : (
                none
              )}
            </Descriptions.Item>
            {status?.trustIat != null && status.trustStaleAfter != null && (
              <Descriptions.Item label={t('status.staleAt')}>
                {formatEpochSeconds(status.trustIat + status.trustStaleAfter)}
              </Descriptions.Item>
            )}
            {status?.trustIat != null && status.trustExpireAfter != null && (
              <Descriptions.Item label={t('status.expiresAt')}>
                {formatEpochSeconds(status.trustIat + status.trustExpireAfter)}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card title={t('status.revocations')}>
          <Descriptions column={1}>
            <Descriptions.Item label={t('status.seq')}>
              <span data-testid="status-revocation-seq">{status?.revocationSeq ?? none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('status.age')}>
              {status?.revocationIat != null ? (
                <Tag color={revStale ? 'orange' : 'blue'}>
                  {formatEpochSeconds(status.revocationIat)} · {formatAge(t, status.revocationIat, now)}
                </Tag>
              ) : (
                none
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('status.count')}>{status?.revocationCount ?? none}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('status.thisKiosk')}>
          <Descriptions column={1}>
            <Descriptions.Item label={t('status.integrity')}>
              {status && (
                <Tag
                  color={
                    status.integrity === 'ok'
                      ? 'success'
                      : status.integrity === 'tampered'
                        ? 'error'
                        : 'default'
                  }
                >
                  {t(
                    `status.integrity${status.integrity === 'ok' ? 'Ok' : status.integrity === 'tampered' ? 'Tampered' : 'Empty'}`,
                  )}
                </Tag>
              )}
              {status?.problem && <div className="muted">{status.problem}</div>}
            </Descriptions.Item>
            <Descriptions.Item label={t('status.pending')}>{pending ?? '…'}</Descriptions.Item>
            <Descriptions.Item label={t('status.kioskId')}>
              <code>{kioskId}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('status.clock')}>{formatLocalDateTime(now)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </div>
      <div className="status-cards manual-update">
        <WorkSystemCard />
        <Card title={t('status.manualUpdate')}>
          <p>{t('status.manualUpdateHint')}</p>
          <Space wrap>
            <Button
              size="large"
              icon={<UploadOutlined />}
              onClick={() => void apply('trust')}
              data-testid="load-trust"
            >
              {t('status.loadTrust')}
            </Button>
            <Button
              size="large"
              icon={<UploadOutlined />}
              onClick={() => void apply('revocations')}
              data-testid="load-revocations"
            >
              {t('status.loadRevocations')}
            </Button>
          </Space>
          {update && !update.outcome && update.progress && (
            <div>
              <Progress percent={Math.floor((update.progress[0] / Math.max(1, update.progress[1])) * 100)} />
              {t('status.applying', { done: update.progress[0], total: update.progress[1] })}
            </div>
          )}
          {update?.outcome && (
            <Alert
              style={{ marginTop: 16 }}
              showIcon
              type={update.outcome.applied ? 'success' : 'error'}
              data-testid="update-outcome"
              title={
                update.outcome.applied
                  ? t('status.applied', { seq: update.outcome.seq })
                  : t('status.notApplied', { message: update.outcome.message })
              }
            />
          )}
        </Card>
        <MediaCard />
      </div>
    </div>
  );
}
