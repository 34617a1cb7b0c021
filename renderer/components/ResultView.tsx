// One verification result: verdict, reasons with what to do, warnings, verified data with copy
// buttons, a print/PDF slip, and an auto-clear countdown so the next person never sees it.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, App as AntApp, Button, Descriptions, Space } from 'antd';
import { CopyOutlined, FilePdfOutlined, PrinterOutlined, StepForwardOutlined } from '@ant-design/icons';
import type { AuditEntry } from '../../shared/audit/audit-entry';
import type { VerificationResult } from '../../shared/verify/result';
import { VerdictBanner } from './VerdictBanner';
import { cardFields } from './card-fields';
import { useCountdown } from './use-countdown';
import { playVerdictCue } from './verdict-sound';
import { PrintSlip } from './PrintSlip';
import { useKiosk } from '../app/kiosk-context';
import { formatLocalDateTime } from '../app/format';

export interface ShownResult {
  readonly result: VerificationResult;
  readonly entry: AuditEntry;
}

export function ResultView({ shown, onDone }: { shown: ShownResult; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { host, config, kioskId, operator } = useKiosk();
  const { result, entry } = shown;
  const left = useCountdown(entry.id, config.autoClearSeconds, onDone);

  useEffect(() => playVerdictCue(result.verdict), [entry.id, result.verdict]);

  const fields = result.claims ? cardFields(t, result.claims) : [];
  const copy = (value: string) =>
    void navigator.clipboard.writeText(value).then(
      () => message.success(t('result.copied')),
      (e: unknown) => message.error(t('common.error', { message: String(e) })),
    );
  const print = () =>
    void host.printSlip().catch((e: unknown) => message.error(t('result.printFailed', { message: String(e) })));
  const savePdf = () =>
    void host.saveSlipPdf({ fileName: `essc-${entry.id}.pdf` }).then(
      (r) => {
        if (r.saved && r.path) void message.success(t('result.pdfSaved', { path: r.path }));
      },
      (e: unknown) => message.error(t('result.printFailed', { message: String(e) })),
    );

  return (
    <div className="result-view" data-testid="result-view">
      <VerdictBanner verdict={result.verdict} />
      <div className="result-body">
        <div className="result-explain">
          {result.reasons.length > 0 && (
            <section>
              <h3>{t('result.reasons')}</h3>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {result.reasons.map((r) => (
                  <Alert
                    key={r}
                    type={result.verdict === 'invalid' ? 'error' : 'warning'}
                    showIcon
                    data-testid={`reason-${r}`}
                    title={<strong>{t(`reason.${r}.text`)}</strong>}
                    description={t(`reason.${r}.action`)}
                  />
                ))}
              </Space>
            </section>
          )}
          {result.warnings.length > 0 && (
            <section>
              <h3>{t('result.warnings')}</h3>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {result.warnings.map((w) => (
                  <Alert key={w} type="warning" showIcon title={t(`warning.${w}`)} data-testid={`warning-${w}`} />
                ))}
              </Space>
            </section>
          )}
          <Descriptions column={1} size="small" className="result-meta">
            <Descriptions.Item label={t('result.verificationId')}>
              <code data-testid="verification-id">{entry.id}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('result.checkedAt')}>{formatLocalDateTime(new Date(result.checkedAt))}</Descriptions.Item>
            <Descriptions.Item label={t('result.kiosk')}>{kioskId}</Descriptions.Item>
            {operator && <Descriptions.Item label={t('result.operator')}>{operator.id}</Descriptions.Item>}
          </Descriptions>
        </div>
        <section className="result-data">
          <h3>{t('result.data')}</h3>
          {fields.length === 0 ? (
            <Alert type="info" showIcon title={t('result.noData')} data-testid="no-data" />
          ) : (
            <Descriptions column={1} bordered size="middle" data-testid="card-data">
              {fields.map((f) => (
                <Descriptions.Item key={f.key} label={f.label}>
                  <span className="field-value" data-field={f.key}>
                    {f.value}
                  </span>
                  <Button
                    size="small"
                    type="text"
                    icon={<CopyOutlined />}
                    aria-label={`${t('result.copy')} ${f.label}`}
                    onClick={() => copy(f.value)}
                  />
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </section>
      </div>
      <div className="result-actions">
        <Button type="primary" size="large" icon={<StepForwardOutlined />} onClick={onDone} data-testid="result-next" className="next-button">
          {t('result.next')}
        </Button>
        <span className="auto-clear" data-testid="auto-clear">
          {t('result.autoClear', { count: left })}
        </span>
        <span className="status-bar-spacer" />
        <Button size="large" icon={<PrinterOutlined />} onClick={print}>
          {t('result.print')}
        </Button>
        <Button size="large" icon={<FilePdfOutlined />} onClick={savePdf}>
          {t('result.savePdf')}
        </Button>
      </div>
      <PrintSlip shown={shown} fields={fields} kioskId={kioskId} />
    </div>
  );
}
