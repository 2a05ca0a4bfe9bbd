/** Service state the staff screens share: sign-in status and availability, kept current. */
import { useCallback, useEffect, useState } from 'react';
import type { ValueOf } from '../../../../electron/contract/index';
import { useKiosk } from '../../kiosk-context';

export type StaffStatus = ValueOf<'staff.status'>;
export type Availability = ValueOf<'service.availability'>;

/** How often the sign-in state is re-read while the screen shows it (it may expire), ms. */
const STATUS_REFRESH_MS = 10_000;

export function useStaffStatus(): { status: StaffStatus | undefined; refresh: () => void } {
  const { client, connection } = useKiosk();
  const connectionId = connection.kind === 'connected' ? connection.connectionId : undefined;
  // The status belongs to the connection it was read on: a new connection starts as
  // applicant, so a status from an earlier one is not shown.
  const [read, setRead] = useState<{ connectionId: string; status: StaffStatus }>();
  const refresh = useCallback(() => {
    if (!connectionId) return;
    void client.call('staff.status', {}).then((r) => {
      if (r.ok) setRead({ connectionId, status: r.value });
    });
  }, [client, connectionId]);
  useEffect(() => {
    if (!connectionId) return;
    refresh();
    const timer = setInterval(refresh, STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [connectionId, refresh]);
  return {
    status: read && read.connectionId === connectionId ? read.status : undefined,
    refresh,
  };
}

export function useAvailability(): Availability | undefined {
  const { client, connection } = useKiosk();
  const [availability, setAvailability] = useState<Availability>();
  useEffect(() => client.on('service.availability', setAvailability), [client]);
  useEffect(() => {
    if (connection.kind !== 'connected') return;
    void client.call('service.availability', {}).then((r) => {
      if (r.ok) setAvailability(r.value);
    });
  }, [client, connection.kind]);
  return availability;
}
