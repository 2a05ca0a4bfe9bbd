/**
 * What applicants see while the service reports the kiosk out of service: the message in both
 * languages at once (whoever stands there can read it) and where to go instead, from the
 * config's fallback directions. It disappears by itself when the service recovers.
 */
import { useTranslation } from 'react-i18next';
import type { Availability } from './use-staff';

export function OutOfService({ availability }: { availability: Availability }) {
  const { i18n } = useTranslation();
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en');
  const directions = availability.fallbackDirections;
  return (
    <div className="out-of-service" role="alert" data-testid="out-of-service">
      <h1 lang="zh-CN">{zh('staff.outOfService.title')}</h1>
      <p lang="zh-CN">{directions?.['zh-CN'] ?? zh('staff.outOfService.body')}</p>
      <h1 lang="en">{en('staff.outOfService.title')}</h1>
      <p lang="en">{directions?.en ?? en('staff.outOfService.body')}</p>
    </div>
  );
}
