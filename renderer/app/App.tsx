// The root: boots the kiosk (host, config, data layer), then shows first-run setup, sign-in or
// the signed-in shell. Language lives in the kiosk config so it survives restarts.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import type { i18n } from 'i18next';
import type { HostApi, KioskConfig, KioskConfigPatch, Language } from '../../shared/host/host-api';
import { createI18n } from '../i18n/i18n';
import { KioskContext, type KioskContextValue } from './kiosk-context';
import type { KioskServicesUi, MediaUi, Operator, ScanToolkit } from './kiosk-contract';
import { kioskTheme } from './theme';
import { Shell } from './Shell';
import { SignInScreen } from '../screens/SignInScreen';
import { SetupWizard } from '../screens/SetupWizard';
import { useIdleLock } from './use-idle-lock';
import { settingsChangeFacts } from './audit-facts';
import { useSyncScheduler } from './use-sync-scheduler';

export interface KioskBoot {
  readonly host: HostApi;
  readonly config: KioskConfig;
  readonly services: KioskServicesUi;
  /** Removable-media import (absent in hosts that do not wire it). */
  readonly media?: MediaUi;
  readonly scan: ScanToolkit;
  readonly kioskId: string;
  readonly now?: () => Date;
}

const DEFAULT_IDLE_LOCK_MINUTES = 5;
const systemNow = () => new Date();

export function App(props: { boot: () => Promise<KioskBoot> }) {
  const [boot, setBoot] = useState<KioskBoot | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { boot: start } = props;
  useEffect(() => {
    start().then(setBoot, (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  }, [start]);

  if (failure !== null) {
    // Before i18n is up: show both languages.
    return <Result status="error" title="无法启动核验终端 · The kiosk could not start" subTitle={failure} />;
  }
  if (boot === null) return <Spin size="large" fullscreen />;
  return <BootedApp boot={boot} />;
}

type Gate = 'checking' | 'setup' | 'signin' | 'ready';

function BootedApp({ boot }: { boot: KioskBoot }) {
  const [config, setConfig] = useState(boot.config);
  const [i18nInstance] = useState<i18n>(() => createI18n(boot.config.language));
  const [operator, setOperator] = useState<Operator | null>(null);
  const [gate, setGate] = useState<Gate>('checking');
  const [lockedByIdle, setLockedByIdle] = useState(false);
  const [statusVersion, setStatusVersion] = useState(0);
  const now = boot.now ?? systemNow;
  const [kioskId, setKioskId] = useState(boot.kioskId);

  // Enrollment gives the kiosk its Work System id: re-read it whenever the status changes.
  useEffect(() => {
    void boot.services.kioskId().then(setKioskId);
  }, [boot.services, statusVersion]);

  useEffect(() => {
    void i18nInstance.changeLanguage(config.language);
    document.documentElement.lang = config.language;
  }, [config.language, i18nInstance]);

  // Trust updates from anywhere (manual import, the sync engine) refresh the status views.
  useEffect(() => boot.services.trust.onChange(() => setStatusVersion((v) => v + 1)), [boot.services]);

  useEffect(() => {
    if (gate !== 'checking') return;
    void boot.services.operators.hasAdmin().then((has) => setGate(has ? 'signin' : 'setup'));
  }, [boot.services, gate]);

  const updateConfig = useCallback(
    async (patch: KioskConfigPatch) => {
      const next = await boot.host.setConfig(patch);
      await boot.services.audit.append(settingsChangeFacts(), operator?.id ?? null);
      setConfig(next);
      setStatusVersion((v) => v + 1);
      return next;
    },
    [boot, operator],
  );

  const endSession = useCallback(
    (byIdle: boolean) => {
      if (operator) void boot.services.operators.signOut(operator.id);
      setOperator(null);
      setLockedByIdle(byIdle);
      setGate('signin');
    },
    [boot.services, operator],
  );

  // Background sync with the Work System, signed in or not: trust data must not go stale
  // overnight. Never-online kiosks (no URL) update from files on the Status screen.
  const refreshStatus = useCallback(() => setStatusVersion((v) => v + 1), []);
  const scheduler = useSyncScheduler(boot.services, config.workSystemUrl, refreshStatus);
  const { trigger } = scheduler;
  const syncNow = useCallback(async () => (await trigger())?.lastReport ?? null, [trigger]);

  useIdleLock(gate === 'ready', config.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES, () => endSession(true));

  const context = useMemo<KioskContextValue>(
    () => ({
      host: boot.host,
      config,
      updateConfig,
      services: boot.services,
      scan: boot.scan,
      operator,
      kioskId,
      statusVersion,
      refreshStatus,
      syncState: scheduler.state,
      syncReport: scheduler.state?.lastReport ?? null,
      syncNow,
      media: boot.media ?? null,
      now,
    }),
    [boot, config, updateConfig, operator, kioskId, statusVersion, refreshStatus, scheduler.state, syncNow, now],
  );

  return (
    <I18nextProvider i18n={i18nInstance}>
      <ConfigProvider locale={config.language === 'en' ? enUS : zhCNLocale} theme={kioskTheme}>
        <AntApp className="app-root">
          <KioskContext.Provider value={context}>
            {gate === 'checking' && <Spin size="large" fullscreen />}
            {gate === 'setup' && <SetupWizard onDone={(next) => (setConfig(next), setGate('signin'))} />}
            {gate === 'signin' && (
              <SignInScreen
                lockedByIdle={lockedByIdle}
                onLanguage={(language: Language) => void updateConfig({ language })}
                onSignedIn={(op) => (setOperator(op), setLockedByIdle(false), setGate('ready'))}
              />
            )}
            {gate === 'ready' && operator && (
              <Shell
                onLock={() => endSession(false)}
                onSignOut={() => endSession(false)}
                onLanguage={(language) => void updateConfig({ language })}
              />
            )}
          </KioskContext.Provider>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}
