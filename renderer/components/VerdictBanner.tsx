// The verdict, readable from two metres: colour, a large icon and the word.
import { useTranslation } from 'react-i18next';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import type { Verdict } from '../../shared/verify/result';

const ICONS = { valid: CheckCircleFilled, invalid: CloseCircleFilled, indeterminate: QuestionCircleFilled } as const;

export function VerdictBanner({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const Icon = ICONS[verdict];
  return (
    <div className={`verdict-banner verdict-${verdict}`} data-testid="verdict" data-verdict={verdict} role="status">
      <Icon className="verdict-icon" aria-hidden />
      <div>
        <div className="verdict-word">{t(`verdict.${verdict}`)}</div>
        <div className="verdict-hint">{t(`verdict.${verdict}Hint`)}</div>
      </div>
    </div>
  );
}
