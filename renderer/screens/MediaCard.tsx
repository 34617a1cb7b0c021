// Admin only: removable media for kiosks that are never online (or offline for long). Export the
// pending audit entries as signed batch files, take back the Work System's acknowledgement, and
// apply trust-list / revocation files picked together, in an order that fits, each with its outcome.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Progress, Space, Tag } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useKiosk } from '../app/kiosk-context';
import type { AckImportOutcome, TrustFileOutcome } from '../app/kiosk-contract';
import { batchFiles } from '../app/audit-batch-files';
import { downloadBlob } from '../components/download-text';
import { pickFiles } from '../components/pick-files';
import { pickTextFile } from '../components/pick-text-file';

type Shown =
  | { readonly kind: 'export'; readonly files: number; readonly entries: number }
  | { readonly kind: 'ack'; readonly outcome: AckImportOutcome | { ok: false; failure: 'ERROR'; message: string } }
  | { readonly kind: 'trust'; readonly outcomes: readonly TrustFileOutcome[] }
  | { readonly kind: 'error'; readonly message: string };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function MediaCard() {
  const { t } = useTranslation();
  const { services, media, operator, refreshStatus } = useKiosk();
  const [busy, setBusy] = useState<'export' | 'ack' | 'trust' | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [applying, setApplying] = useState<{ file: string; done: number; total: number } | null>(null);
  if (operator?.role !== 'admin') return null;

  const run = async (what: NonNullable<typeof busy>, action: () => Promise<Shown | null>) => {
    setBusy(what);
    try {
      const next = await action();
      if (next) setShown(next);
    } catch (e) {
      setShown({ kind: 'error', message: errorText(e) });
    } finally {
      setBusy(null);
      setApplying(null);
      refreshStatus();
    }
  };

  const exportBatches = () =>
    run('export', async () => {
      const files = batchFiles(await services.sync.exportSignedBatches());
      for (const file of files) {
        downloadBlob(new Blob([file.jws], { type: 'application/jose' }), file.name);
        // One file at a time: browsers drop downloads started in the same instant.
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      return { kind: 'export', files: files.length, entries: files.reduce((n, f) => n + f.entries, 0) };
    });

  const importAck = () =>
    run('ack', async () => {
      const file = await pickTextFile('.json,application/json');
      if (!file || !media || !operator) return null;
      return { kind: 'ack', outcome: await media.importAuditAck(file.text, operator.id) };
    });

  const importTrust = () =>
    run('trust', async () => {
      const files = await pickFiles('.jws,.txt,application/jose');
      if (files.length === 0 || !media) return null;
      const outcomes = await media.importTrustFiles(files, {
        operator: operator?.id ?? null,
        onProgress: (file, done, total) => setApplying({ file, done, total }),
      });
      return { kind: 'trust', outcomes };
    });

  return (
    <Card title={t('media.title')} data-testid="media-card">
      <p>{t('media.hint')}</p>
      <Space wrap>
        <Button size="large" icon={<DownloadOutlined />} loading={busy === 'export'} disabled={busy !== null} onClick={() => void exportBatches()} data-testid="media-export">
          {t('media.exportAudit')}
        </Button>
        {media && (
          <Button size="large" icon={<UploadOutlined />} loading={busy === 'ack'} disabled={busy !== null} onClick={() => void importAck()} data-testid="media-import-ack">
            {t('media.importAck')}
          </Button>
        )}
        {media && (
          <Button size="large" icon={<UploadOutlined />} loading={busy === 'trust'} disabled={busy !== null} onClick={() => void importTrust()} data-testid="media-import-trust">
            {t('media.importTrust')}
          </Button>
        )}
      </Space>
      {applying && (
        <div className="media-outcomes">
          <Progress percent={Math.floor((applying.done / Math.max(1, applying.total)) * 100)} />
          {t('media.applyingFile', { file: applying.file, done: applying.done, total: applying.total })}
        </div>
      )}
      {shown && <MediaOutcome shown={shown} />}
    </Card>
  );
}

function MediaOutcome({ shown }: { shown: Shown }) {
  const { t } = useTranslation();
  const common = { style: { marginTop: 16 }, showIcon: true, 'data-testid': 'media-outcome' } as const;
  switch (shown.kind) {
    case 'export':
      return shown.files === 0 ? (
        <Alert {...common} type="info" title={t('media.exportNothing')} />
      ) : (
        <Alert {...common} type="success" title={t('media.exported', { files: shown.files, entries: shown.entries })} description={t('media.exportedHint')} />
      );
    case 'ack':
      return shown.outcome.ok ? (
        <Alert {...common} type="success" title={t('media.ackDone', { count: shown.outcome.marked, seq: shown.outcome.markedThrough })} />
      ) : (
        <Alert {...common} type="error" title={t('media.ackRefused', { reason: t(`ackFailure.${shown.outcome.failure}`) })} description={shown.outcome.message} />
      );
    case 'error':
      return <Alert {...common} type="error" title={t('common.error', { message: shown.message })} />;
    case 'trust':
      return (
        <ul className="media-outcomes media-file-list" data-testid="media-outcome">
          {shown.outcomes.map((o) => (
            <li key={o.name} data-testid="media-file-outcome" data-applied={o.result.applied}>
              <Space wrap>
                <code>{o.name}</code>
                <Tag>{t(`media.kind.${o.kind}`)}</Tag>
                {o.result.applied ? (
                  <Tag color="success">{t('status.applied', { seq: o.result.seq })}</Tag>
                ) : (
                  <Tag color={o.result.failure === 'SKIPPED' || o.result.failure === 'NOT_NEWER' ? 'default' : 'error'} title={o.result.message}>
                    {t(`trustFailure.${o.result.failure}`)}
                  </Tag>
                )}
              </Space>
            </li>
          ))}
        </ul>
      );
  }
}
