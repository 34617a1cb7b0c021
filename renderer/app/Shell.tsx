// Signed-in layout: navigation on top, the current screen, the status bar below.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Layout, Menu, Select, Space } from 'antd';
import { HistoryOutlined, LockOutlined, LogoutOutlined, QrcodeOutlined, SettingOutlined, DashboardOutlined } from '@ant-design/icons';
import { LANGUAGES, type Language } from '../../shared/host/host-api';
import { useKiosk } from './kiosk-context';
import { StatusBar } from '../components/StatusBar';
import { ScanScreen } from '../screens/ScanScreen';
import { HistoryScreen } from '../screens/HistoryScreen';
import { StatusScreen } from '../screens/StatusScreen';
import { SettingsScreen } from '../screens/SettingsScreen';

export type ScreenName = 'scan' | 'history' | 'status' | 'settings';

export function Shell(props: { onLock(): void; onSignOut(): void; onLanguage(language: Language): void }) {
  const { t, i18n } = useTranslation();
  const { operator } = useKiosk();
  const [screen, setScreen] = useState<ScreenName>('scan');
  const isAdmin = operator?.role === 'admin';

  const items = [
    { key: 'scan', icon: <QrcodeOutlined />, label: t('nav.scan') },
    { key: 'history', icon: <HistoryOutlined />, label: t('nav.history') },
    { key: 'status', icon: <DashboardOutlined />, label: t('nav.status') },
    ...(isAdmin ? [{ key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') }] : []),
  ];

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <div className="shell-title">{t('app.title')}</div>
        <Menu
          mode="horizontal"
          className="shell-nav"
          selectedKeys={[screen]}
          items={items}
          onClick={(e) => setScreen(e.key as ScreenName)}
          data-testid="nav"
        />
        <Space>
          <Select<Language>
            aria-label={t('app.language')}
            value={i18n.language as Language}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`app.languages.${l}`) }))}
            onChange={props.onLanguage}
            style={{ width: 120 }}
          />
          <Button icon={<LockOutlined />} onClick={props.onLock}>
            {t('nav.lock')}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={props.onSignOut}>
            {t('nav.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="shell-content">
        {screen === 'scan' && <ScanScreen />}
        {screen === 'history' && <HistoryScreen />}
        {screen === 'status' && <StatusScreen />}
        {screen === 'settings' && isAdmin && <SettingsScreen />}
      </Layout.Content>
      <StatusBar />
    </Layout>
  );
}
