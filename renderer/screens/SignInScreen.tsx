// Officer sign-in with id + PIN. Lockout after repeated failures is enforced by the operator store.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { LANGUAGES, type Language } from '../../shared/host/host-api';
import { useKiosk } from '../app/kiosk-context';
import type { Operator } from '../app/kiosk-contract';
import { formatLocalDateTime } from '../app/format';

interface SignInForm {
  id: string;
  pin: string;
}

export function SignInScreen(props: { lockedByIdle: boolean; onSignedIn(op: Operator): void; onLanguage(l: Language): void }) {
  const { t, i18n } = useTranslation();
  const { services } = useKiosk();
  const [form] = Form.useForm<SignInForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ id, pin }: SignInForm) => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await services.operators.signIn(id.trim(), pin);
      if (outcome.ok) {
        props.onSignedIn(outcome.operator);
        return;
      }
      form.setFieldValue('pin', '');
      setError(
        outcome.reason === 'LOCKED' && outcome.lockedUntil
          ? t('signIn.locked', { time: formatLocalDateTime(outcome.lockedUntil) })
          : t('signIn.badCredentials'),
      );
    } catch (e) {
      setError(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="centered-page">
      <Card
        className="sign-in-card"
        title={<span className="page-title">{t('app.title')}</span>}
        extra={
          <Select<Language>
            aria-label={t('app.language')}
            value={i18n.language as Language}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`app.languages.${l}`) }))}
            onChange={props.onLanguage}
            style={{ width: 120 }}
          />
        }
      >
        <h2>{t('signIn.title')}</h2>
        {props.lockedByIdle && <Alert type="info" showIcon title={t('signIn.lockedNow')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
        <Form form={form} layout="vertical" size="large" onFinish={(v) => void submit(v)} autoComplete="off">
          <Form.Item name="id" label={t('signIn.id')} rules={[{ required: true, message: t('signIn.required') }]}>
            <Input autoFocus data-testid="sign-in-id" />
          </Form.Item>
          <Form.Item name="pin" label={t('signIn.pin')} rules={[{ required: true, message: t('signIn.required') }]}>
            <Input.Password inputMode="numeric" data-testid="sign-in-pin" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
