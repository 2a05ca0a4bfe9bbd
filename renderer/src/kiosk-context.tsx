/**
 * Connection to the kiosk service as React state: the client, its connection state, the
 * service's hello, device statuses and the applicant session, refreshed after every reconnect.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { ConnectionState, KioskClient } from '../../electron/contract/client';
import type { ValueOf } from '../../electron/contract/index';

export type Hello = ValueOf<'system.hello'>;
export type DeviceStatus = ValueOf<'devices.list'>[number];
export type SessionView = ValueOf<'session.get'>;

export interface KioskState {
  readonly client: KioskClient;
  readonly connection: ConnectionState;
  readonly hello: Hello | undefined;
  readonly devices: readonly DeviceStatus[];
  readonly session: SessionView;
}

const KioskContext = createContext<KioskState | undefined>(undefined);

export function KioskProvider({ client, children }: { client: KioskClient; children: ReactNode }) {
  const [connection, setConnection] = useState<ConnectionState>(client.state);
  const [hello, setHello] = useState<Hello | undefined>();
  const [devices, setDevices] = useState<readonly DeviceStatus[]>([]);
  const [session, setSession] = useState<SessionView>(null);

  useEffect(() => {
    const offState = client.onState((state) => {
      setConnection(state);
      if (state.kind !== 'connected') return;
      // Resynchronise everything after each (re)connect: events missed while away are gone.
      void client.call('system.hello', {}).then((r) => r.ok && setHello(r.value));
      void client.call('devices.list', {}).then((r) => r.ok && setDevices(r.value));
      void client.call('session.get', {}).then((r) => r.ok && setSession(r.value));
    });
    const offDevice = client.on('devices.status', (status) =>
      setDevices((list) => {
        const index = list.findIndex((d) => d.id === status.id);
        if (index < 0) return [...list, status];
        const next = [...list];
        next[index] = status;
        return next;
      }),
    );
    const offSession = client.on('session.changed', (view) => setSession(view));
    client.start();
    return () => {
      offState();
      offDevice();
      offSession();
      client.close();
    };
  }, [client]);

  const value = useMemo(
    () => ({ client, connection, hello, devices, session }),
    [client, connection, hello, devices, session],
  );
  return <KioskContext.Provider value={value}>{children}</KioskContext.Provider>;
}

export function useKiosk(): KioskState {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside KioskProvider');
  return value;
}
