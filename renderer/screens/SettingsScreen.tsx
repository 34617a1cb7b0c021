// Admin only (the shell gates it): kiosk configuration through the host (each save is a
// settings_change audit entry) and officer management.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import type { KioskConfigPatch } from '../../shared/host/host-api';
import { useKiosk } from '../app/kiosk-context';
import type { Operator, OperatorRole } from '../app/kiosk-contract';
import { isWorkSystemUrl, OPERATOR_ID_PATTERN, PIN_PATTERN } from './operator-rules';

interface ConfigForm {
  kioskName: string;
  office: string;
  workSystemUrl: string;
  autoClearSeconds: number;
  idleLockMinutes: number;
  kioskMode: boolean;
}

interface NewOperatorForm {
  id: string;
  name: string;
  pin: string;
  role: OperatorRole;
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { config, updateConfig, services, operator } = useKiosk();
  const [operators, setOperators] = useState<readonly Operator[]>([]);
  const [saving, setSaving] = useState(false);
  const [opForm] = Form.useForm<NewOperatorForm>();

  const loadOperators = useCallback(() => void services.operators.list().then(setOperators), [services]);
  useEffect(loadOperators, [loadOperators]);

  const save = async (values: ConfigForm) => {
    setSaving(true);
    try {
      const patch: KioskConfigPatch = {
        kioskName: values.kioskName.trim(),
        office: values.office.trim(),
        workSystemUrl: values.workSystemUrl.trim() === '' ? null : values.workSystemUrl.trim(),
        autoClearSeconds: values.autoClearSeconds,
        idleLockMinutes: values.idleLockMinutes,
        kioskMode: values.kioskMode,
      };
      await updateConfig(patch);
      message.success(t('settings.saved'));
    } catch (e) {
      message.error(t('settings.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };

  const addOperator = async (values: NewOperatorForm) => {
    try {
      await services.operators.create({ id: values.id.trim(), name: values.name.trim(), pin: values.pin, role: values.role }, operator?.id ?? null);
      opForm.resetFields();
      loadOperators();
    } catch (e) {
      message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const removeOperator = async (id: string) => {
    if (id === operator?.id) return void message.warning(t('settings.cannotRemoveSelf'));
    await services.operators.remove(id, operator?.id ?? null);
    loadOperators();
  };

  return (
    <div className="settings-screen" data-testid="settings-screen">
      <h2 className="page-title">{t('settings.title')}</h2>
      <Card title={t('settings.config')}>
        <Form<ConfigForm>
          layout="vertical"
          size="large"
          initialValues={{
            kioskName: config.kioskName,
            office: config.office,
            workSystemUrl: config.workSystemUrl ?? '',
            autoClearSeconds: config.autoClearSeconds,
            idleLockMinutes: config.idleLockMinutes ?? 5,
            kioskMode: config.kioskMode,
          }}
          onFinish={(v) => void save(v)}
          className="settings-form"
        >
          <Form.Item name="kioskName" label={t('settings.kioskName')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="office" label={t('settings.office')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="workSystemUrl"
            label={t('settings.workSystemUrl')}
            extra={t('setup.workSystemUrlHint')}
            rules={[{ validator: (_, v: string) => (v.trim() === '' || isWorkSystemUrl(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('setup.workSystemUrlInvalid')))) }]}
          >
            <Input data-testid="settings-url" />
          </Form.Item>
          <Form.Item name="autoClearSeconds" label={t('settings.autoClearSeconds')} rules={[{ required: true }]}>
            <InputNumber min={10} max={600} data-testid="settings-autoclear" />
          </Form.Item>
          <Form.Item name="idleLockMinutes" label={t('settings.idleLockMinutes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={120} />
          </Form.Item>
          <Form.Item name="kioskMode" label={t('settings.kioskMode')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label={t('settings.anchors')}>
            <Tag>{t(`settings.anchorsSource.${config.anchorsSource}`)}</Tag>
            {config.anchors.keys.map((k, i) => (
              <Tag key={k.kid ?? i}>
                <code>{k.kid ?? k.x.slice(0, 11)}</code>
              </Tag>
            ))}
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
            {t('settings.save')}
          </Button>
        </Form>
      </Card>
      <RetentionCard />
      <Card title={t('settings.operators')} style={{ marginTop: 24 }}>
        <Table<Operator>
          rowKey="id"
          pagination={false}
          dataSource={[...operators]}
          columns={[
            { title: t('signIn.id'), dataIndex: 'id' },
            { title: t('setup.adminName'), dataIndex: 'name' },
            { title: t('settings.role'), dataIndex: 'role', render: (r: OperatorRole) => t(`settings.roles.${r}`) },
            {
              key: 'remove',
              render: (_, op) => (
                <Popconfirm title={t('settings.removeConfirm', { id: op.id })} onConfirm={() => void removeOperator(op.id)}>
                  <Button danger icon={<DeleteOutlined />} disabled={op.id === operator?.id}>
                    {t('settings.remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <h3 style={{ marginTop: 24 }}>{t('settings.addOperator')}</h3>
        <Form<NewOperatorForm> form={opForm} layout="inline" onFinish={(v) => void addOperator(v)} initialValues={{ role: 'officer' }} autoComplete="off">
          <Form.Item name="id" rules={[{ required: true, pattern: OPERATOR_ID_PATTERN, message: t('setup.idRule') }]}>
            <Input placeholder={t('signIn.id')} />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, message: t('signIn.required') }]}>
            <Input placeholder={t('setup.adminName')} />
          </Form.Item>
          <Form.Item name="pin" rules={[{ required: true, pattern: PIN_PATTERN, message: t('setup.pinRule') }]}>
            <Input.Password placeholder={t('signIn.pin')} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="role">
            <Select<OperatorRole> aria-label={t('settings.role')} style={{ width: 180 }} options={(['officer', 'admin'] as const).map((r) => ({ value: r, label: t(`settings.roles.${r}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<UserAddOutlined />}>
            {t('settings.addOperator')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** How long synced audit entries stay on the kiosk (unsynced ones are never purged). */
function RetentionCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { services, operator, refreshStatus } = useKiosk();
  const [days, setDays] = useState<number | null>(services.settings.current.retentionDays);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (days === null) return;
    setSaving(true);
    try {
      await services.settings.update({ retentionDays: days }, operator?.id ?? null);
      message.success(t('settings.saved'));
      refreshStatus(); // the change is an audit entry waiting for upload
    } catch (e) {
      message.error(t('settings.saveFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('settings.retention')} style={{ marginTop: 24 }}>
      <p>{t('settings.retentionHint')}</p>
      <Space>
        <InputNumber aria-label={t('settings.retention')} min={30} max={3650} precision={0} value={days} onChange={setDays} suffix={t('settings.days')} data-testid="settings-retention" />
        <Button type="primary" loading={saving} disabled={days === null} onClick={() => void save()} data-testid="settings-retention-save">
          {t('settings.save')}
        </Button>
      </Space>
    </Card>
  );
}
