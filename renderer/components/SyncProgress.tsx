// A thin progress bar while a sync round runs: the phase, and done/total where the phase knows it
// (uploading 3,000 / 100,000 entries; applying revocations 400,000 / 1,000,000).
import { useTranslation } from 'react-i18next';
import { Progress } from 'antd';
import type { SyncState } from '../sync/sync-scheduler';

export function SyncProgress({ state, locale }: { state: SyncState | null; locale: string }) {
  const { t } = useTranslation();
  const progress = state?.syncing ? state.progress : null;
  if (!progress) return null;
  const counted = progress.total > 0;
  const percent = counted ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : 100;
  const label = counted
    ? t(`sync.progress.${progress.phase}`, { done: progress.done.toLocaleString(locale), total: progress.total.toLocaleString(locale) })
    : t(`sync.progressStart.${progress.phase}`);
  return (
    <div className="sync-progress" data-testid="sync-progress" role="status" aria-live="polite">
      <span className="sync-progress-label">{label}</span>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status="active"
        style={{ width: 180, margin: 0 }}
        aria-label={label}
      />
    </div>
  );
}
