// First run (no administrator yet): language, Work System URL, trust anchors, administrator.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, Radio, Space, Steps } from 'antd';
import { anchorsJwksSchema, LANGUAGES, type KioskConfig, type KioskConfigPatch, type Language } from '../../shared/host/host-api';
import { useKiosk } from '../app/kiosk-context';
import { settingsChangeFacts } from '../app/audit-facts';
import { pickTextFile } from '../components/pick-text-file';
import { isWorkSystemUrl, PIN_PATTERN, OPERATOR_ID_PATTERN } from './operator-rules';

type Anchors = KioskConfig['anchors'];

interface AdminForm {
  id: string;
  name: string;
  pin: string;
  pinRepeat: string;
}

export function SetupWizard(props: { onDone(config: KioskConfig): void }) {
  const { t, i18n } = useTranslation();
  const { host, config, services } = useKiosk();
  const [step, setStep] = useState(0);
  const [language, setLanguage] = useState<Language>(config.language);
  const [url, setUrl] = useState(config.workSystemUrl ?? '');
  const [customAnchors, setCustomAnchors] = useState<Anchors | null>(null);
  const [anchorsError, setAnchorsError] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adminForm] = Form.useForm<AdminForm>();

  const chooseLanguage = (l: Language) => {
    setLanguage(l);
    void i18n.changeLanguage(l);
  };

  const loadAnchors = async () => {
    const file = await pickTextFile('.json,.jwks,application/json');
    if (!file) return;
    let parsed: ReturnType<typeof anchorsJwksSchema.safeParse>;
    try {
      parsed = anchorsJwksSchema.safeParse(JSON.parse(file.text));
    } catch {
      parsed = anchorsJwksSchema.safeParse(null);
    }
    setAnchorsError(!parsed.success);
    setCustomAnchors(parsed.success ? parsed.data : null);
  };

  const finish = async (admin: AdminForm) => {
    setBusy(true);
    setError(null);
    try {
      const patch: KioskConfigPatch = { language, workSystemUrl: url.trim() === '' ? null : url.trim() };
      if (customAnchors) Object.assign(patch, { anchors: customAnchors, anchorsSource: 'custom' });
      const next = await host.setConfig(patch);
      await services.operators.create({ id: admin.id.trim(), name: admin.name.trim(), pin: admin.pin, role: 'admin' }, null);
      await services.audit.append(settingsChangeFacts(), admin.id.trim());
      // The data layer pinned the anchors it was opened with: reopen it with the new ones.
      if (customAnchors) return window.location.reload();
      props.onDone(next);
    } catch (e) {
      setError(t('setup.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const urlValid = url.trim() === '' || isWorkSystemUrl(url.trim());
  const steps = [t('setup.stepLanguage'), t('setup.stepWorkSystem'), t('setup.stepAnchors'), t('setup.stepAdmin')];

  return (
    <div className="centered-page">
      <Card className="setup-card" title={<span className="page-title">{t('setup.title')}</span>} data-testid="setup-wizard">
        <p>{t('setup.intro')}</p>
        <Steps current={step} items={steps.map((title) => ({ title }))} style={{ marginBottom: 32 }} />
        {step === 0 && (
          <Radio.Group value={language} onChange={(e) => chooseLanguage(e.target.value as Language)} size="large">
            {LANGUAGES.map((l) => (
              <Radio.Button key={l} value={l}>
                {t(`app.languages.${l}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        )}
        {step === 1 && (
          <Form layout="vertical" size="large">
            <Form.Item
              label={t('setup.workSystemUrl')}
              extra={t('setup.workSystemUrlHint')}
              validateStatus={urlValid ? '' : 'error'}
              help={urlValid ? undefined : t('setup.workSystemUrlInvalid')}
            >
              <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" data-testid="setup-url" />
            </Form.Item>
          </Form>
        )}
        {step === 2 && (
          <Space orientation="vertical" size="large">
            <Radio.Group value={customAnchors ? 'custom' : 'keep'} onChange={(e) => e.target.value === 'keep' && setCustomAnchors(null)}>
              <Radio value="keep">{t('setup.anchorsKeep', { count: config.anchors.keys.length })}</Radio>
            </Radio.Group>
            <Button onClick={() => void loadAnchors()}>{t('setup.anchorsLoad')}</Button>
            {customAnchors && <Alert type="success" showIcon title={t('setup.anchorsLoaded', { count: customAnchors.keys.length })} />}
            {anchorsError && <Alert type="error" showIcon title={t('setup.anchorsInvalid')} />}
          </Space>
        )}
        {step === 3 && (
          <Form form={adminForm} layout="vertical" size="large" onFinish={(v) => void finish(v)} autoComplete="off">
            <Form.Item name="id" label={t('setup.adminId')} rules={[{ required: true, pattern: OPERATOR_ID_PATTERN, message: t('setup.idRule') }]}>
              <Input data-testid="setup-admin-id" />
            </Form.Item>
            <Form.Item name="name" label={t('setup.adminName')} rules={[{ required: true, message: t('signIn.required') }]}>
              <Input data-testid="setup-admin-name" />
            </Form.Item>
            <Form.Item name="pin" label={t('setup.adminPin')} rules={[{ required: true, pattern: PIN_PATTERN, message: t('setup.pinRule') }]}>
              <Input.Password inputMode="numeric" data-testid="setup-admin-pin" />
            </Form.Item>
            <Form.Item
              name="pinRepeat"
              label={t('setup.adminPinRepeat')}
              dependencies={['pin']}
              rules={[
                { required: true, message: t('signIn.required') },
                ({ getFieldValue }) => ({
                  validator: (_, v) => (v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(t('setup.pinMismatch')))),
                }),
              ]}
            >
              <Input.Password inputMode="numeric" data-testid="setup-admin-pin-repeat" />
            </Form.Item>
          </Form>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
        <div className="wizard-buttons">
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('setup.back')}</Button>}
          {step < 3 && (
            <Button type="primary" disabled={step === 1 && !urlValid} onClick={() => setStep(step + 1)} data-testid="setup-next">
              {t('setup.next')}
            </Button>
          )}
          {step === 3 && (
            <Button type="primary" loading={busy} onClick={() => adminForm.submit()} data-testid="setup-finish">
              {t('setup.finish')}
            </Button>
          )}
        </div>
      </Card>
    </div>
  );
}
