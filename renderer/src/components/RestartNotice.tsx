/**
 * The attract screen's note after the kiosk service restarted during a visit
 * (flow/restart-notice.tsx): in the displayed language, spoken, with no personal data.
 */
import { useTranslation } from 'react-i18next';
import { useRestartNotice } from '../flow/restart-notice-provider';
import { useAnnounce } from '../speech/speech';

export function RestartNotice() {
  const { t } = useTranslation();
  const notice = useRestartNotice();
  useAnnounce(
    () =>
      notice ? [{ text: t('restartNotice.title') }, { text: t(`restartNotice.${notice}`) }] : [],
    `restart-notice-${notice ?? 'none'}`,
    notice !== undefined,
  );
  if (!notice) return null;
  return (
    <div
      className="notice restart-notice"
      role="status"
      data-testid="restart-notice"
      data-kind={notice}
    >
      <p className="verdict">{t('restartNotice.title')}</p>
      <p>{t(`restartNotice.${notice}`)}</p>
    </div>
  );
}
