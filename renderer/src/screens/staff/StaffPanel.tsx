/**
 * The staff panel over the applicant's screen (their session keeps running underneath).
 * Staff: assist (answer calls for help, extend the applicant's time, end the session, reprint
 * receipts) and the outbox. Technicians also get
 * device diagnostics, system facts (version, API, heartbeat, restart, export), the safe
 * configuration fields and the audit trail. Every action goes through the service, which
 * checks the role again and writes the audit log.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../../../electron/contract/index';
import { useKiosk } from '../../kiosk-context';
import { StaffEntry } from './StaffEntry';
import type { StaffStatus } from './use-staff';

type Tab = 'assist' | 'outbox' | 'devices' | 'system' | 'config' | 'audit';
const STAFF_TABS: readonly Tab[] = ['assist', 'outbox'];
const TECHNICIAN_TABS: readonly Tab[] = [
  'assist',
  'outbox',
  'devices',
  'system',
  'config',
  'audit',
];

export function StaffPanel({
  status,
  onClose,
  onSignedOut,
}: {
  status: StaffStatus;
  onClose: () => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const tabs = status.role === 'technician' ? TECHNICIAN_TABS : STAFF_TABS;
  const [tab, setTab] = useState<Tab>('assist');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = status.expiresAt
    ? Math.max(0, Math.ceil((Date.parse(status.expiresAt) - now) / 60_000))
    : 0;

  return (
    <div
      className="staff-panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="staff-panel-title"
      data-testid="staff-panel"
      data-role={status.role}
    >
      <header className="staff-panel-head">
        <h2 id="staff-panel-title">{t('staff.panel.title')}</h2>
        <span data-testid="staff-signed-in-as">
          {t('staff.panel.signedInAs', {
            staffId: status.staffId ?? '',
            role: t(`staff.panel.role.${status.role === 'technician' ? 'technician' : 'staff'}`),
          })}
        </span>
        <span className="muted">{t('staff.panel.expires', { minutes })}</span>
        <button type="button" data-testid="staff-close" onClick={onClose}>
          {t('staff.panel.close')}
        </button>
        <button
          type="button"
          data-testid="staff-sign-out"
          onClick={() => void client.call('staff.signOut', {}).then(onSignedOut)}
        >
          {t('staff.panel.signOut')}
        </button>
      </header>
      <nav className="staff-tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'active' : ''}
            data-testid={`staff-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`staff.panel.tabs.${name}`)}
          </button>
        ))}
      </nav>
      <section className="staff-body" role="tabpanel">
        {tab === 'assist' ? <Assist /> : null}
        {tab === 'outbox' ? <Outbox /> : null}
        {tab === 'devices' ? <Devices /> : null}
        {tab === 'system' ? <SystemTab /> : null}
        {tab === 'config' ? <ConfigTab /> : null}
        {tab === 'audit' ? <AuditTab /> : null}
      </section>
    </div>
  );
}

/** A line saying how the last action went. */
function Note({ text, testId }: { text: string | undefined; testId: string }) {
  return text ? (
    <p className="staff-note" role="status" data-testid={testId}>
      {text}
    </p>
  ) : null;
}

function Assist() {
  const { t } = useTranslation();
  const { client, session } = useKiosk();
  const [kept, setKept] = useState<ValueOf<'printer.keptReceipts'>['receipts']>([]);
  const [note, setNote] = useState<string>();
  const [entering, setEntering] = useState(false);
  const load = useCallback(() => {
    void client.call('printer.keptReceipts', {}).then((r) => r.ok && setKept(r.value.receipts));
  }, [client]);
  useEffect(load, [load]);

  return (
    <div data-testid="staff-assist">
      <OpenCalls onNote={setNote} />
      <h3>{t('staff.assist.session')}</h3>
      {session ? (
        <p data-testid="staff-session">
          {session.applicant
            ? `${session.applicant.nameMasked} · ${session.applicant.idNumberMasked} · ${session.applicant.source}`
            : session.id}
        </p>
      ) : (
        <p className="muted">{t('staff.assist.noSession')}</p>
      )}
      <button
        type="button"
        data-testid="staff-end-session"
        disabled={!session}
        onClick={() =>
          void client.call('staff.endApplicantSession', {}).then((r) => {
            if (r.ok && r.value.ended) setNote(t('staff.assist.ended'));
          })
        }
      >
        {t('staff.assist.endSession')}
      </button>
      <button
        type="button"
        data-testid="staff-extend-time"
        onClick={() =>
          void client.call('staff.extendApplicantTime', {}).then((r) => {
            setNote(r.ok ? t('staff.assist.extended') : r.error.message);
          })
        }
      >
        {t('staff.assist.extend')}
      </button>
      <button type="button" data-testid="staff-entry-open" onClick={() => setEntering(!entering)}>
        {t('staff.entry.open')}
      </button>
      {entering ? (
        <StaffEntry
          onDone={(text) => {
            setEntering(false);
            setNote(text);
          }}
        />
      ) : null}
      <h3>{t('staff.assist.kept')}</h3>
      {kept.length === 0 ? <p className="muted">{t('staff.assist.noKept')}</p> : null}
      <ul className="staff-list">
        {kept.map((k) => (
          <li key={k.id}>
            <span>
              {k.reference} · {k.kind} · {k.message}
            </span>
            <button
              type="button"
              onClick={() =>
                void client.call('printer.reprint', { id: k.id }).then((r) => {
                  setNote(r.ok ? t('staff.assist.printed') : r.error.message);
                  load();
                })
              }
            >
              {t('staff.assist.reprint')}
            </button>
            <button
              type="button"
              onClick={() => void client.call('printer.discardKept', { id: k.id }).then(load)}
            >
              {t('staff.assist.discard')}
            </button>
          </li>
        ))}
      </ul>
      <Note text={note} testId="staff-assist-note" />
    </div>
  );
}

type StaffCall = ValueOf<'staff.openCalls'>[number];

/** The applicant's calls for help nobody has answered yet, kept current by the call events. */
function OpenCalls({ onNote }: { onNote: (text: string) => void }) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [calls, setCalls] = useState<StaffCall[]>([]);
  useEffect(() => {
    void client.call('staff.openCalls', {}).then((r) => r.ok && setCalls(r.value));
    const drop = ({ callId }: { callId: string }) =>
      setCalls((list) => list.filter((c) => c.callId !== callId));
    const offs = [
      client.on('staff.called', (call) =>
        setCalls((list) => [...list.filter((c) => c.callId !== call.callId), call]),
      ),
      client.on('staff.callAcknowledged', drop),
      client.on('staff.callClosed', drop),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);

  return (
    <>
      <h3>{t('staff.calls.title')}</h3>
      {calls.length === 0 ? <p className="muted">{t('staff.calls.none')}</p> : null}
      <ul className="staff-list" data-testid="staff-calls">
        {calls.map((call) => (
          <li key={call.callId} data-testid="staff-call" role="alert">
            <span>
              {t('staff.calls.call', {
                time: new Date(call.at).toLocaleTimeString(),
                screen: call.screen ?? '—',
                who: t(
                  call.applicantIdentified ? 'staff.calls.identified' : 'staff.calls.anonymous',
                ),
              })}
            </span>
            <button
              type="button"
              className="primary"
              data-testid="staff-call-acknowledge"
              onClick={() =>
                void client.call('staff.acknowledgeCall', { callId: call.callId }).then((r) => {
                  onNote(r.ok ? t('staff.calls.acknowledged') : r.error.message);
                  setCalls((list) => list.filter((c) => c.callId !== call.callId));
                })
              }
            >
              {t('staff.calls.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [stats, setStats] = useState<ValueOf<'outbox.stats'>>();
  const [failed, setFailed] = useState(false);
  const [note, setNote] = useState<string>();
  const load = useCallback(() => {
    void client.call('outbox.stats', {}).then((r) => {
      if (r.ok) setStats(r.value);
      else setFailed(true);
    });
  }, [client]);
  useEffect(load, [load]);

  if (failed) return <p className="muted">{t('staff.outbox.unavailable')}</p>;
  return (
    <div data-testid="staff-outbox">
      {stats ? (
        <>
          <p data-testid="staff-outbox-pending">
            {stats.pending > 0
              ? t('staff.outbox.pending', { count: stats.pending })
              : t('staff.outbox.none')}
          </p>
          {stats.oldestPendingAgeMs !== null ? (
            <p>
              {t('staff.outbox.oldest', { minutes: Math.round(stats.oldestPendingAgeMs / 60_000) })}
            </p>
          ) : null}
          {stats.lastError ? (
            <p>{t('staff.outbox.lastError', { message: stats.lastError.message })}</p>
          ) : null}
        </>
      ) : null}
      <button
        type="button"
        data-testid="staff-outbox-retry"
        onClick={() =>
          void client.call('staff.outboxRetryNow', {}).then((r) => {
            if (r.ok) setNote(t('staff.outbox.retryStarted'));
            load();
          })
        }
      >
        {t('staff.outbox.retry')}
      </button>
      <Note text={note} testId="staff-outbox-note" />
    </div>
  );
}

/** Seconds a self-test waits for a card or a code. */
const SELF_TEST_WAIT_SECONDS = 10;

function Devices() {
  const { t } = useTranslation();
  const { client, devices } = useKiosk();
  const [running, setRunning] = useState<string>();
  const [results, setResults] = useState<Record<string, string>>({});

  const record = (id: string, text: string): void => setResults((r) => ({ ...r, [id]: text }));

  return (
    <ul className="staff-list" data-testid="staff-devices">
      {devices
        .filter((d) => d.state !== 'not-configured')
        .map((d) => (
          <li key={d.id} data-testid={`staff-device-${d.id}`}>
            <span>
              <strong>{d.id}</strong> · {d.driver} · <span data-state={d.state}>{d.state}</span>
              {d.detail ? ` · ${d.detail}` : ''}
              {d.lastError ? (
                <span className="muted">
                  {' '}
                  · {t('staff.devices.lastError')}: {d.lastError.code} {d.lastError.message}
                </span>
              ) : null}
            </span>
            <button
              type="button"
              disabled={running !== undefined}
              onClick={() =>
                void client.call('devices.reconnect', { id: d.id }).then((r) => {
                  record(d.id, r.ok ? r.value.state : r.error.message);
                })
              }
            >
              {t('staff.devices.reconnect')}
            </button>
            <button
              type="button"
              data-testid={`staff-self-test-${d.id}`}
              disabled={running !== undefined}
              onClick={() => {
                setRunning(d.id);
                record(d.id, t('staff.devices.testing', { seconds: SELF_TEST_WAIT_SECONDS }));
                void client
                  .call('tech.selfTest', { deviceId: d.id, waitSeconds: SELF_TEST_WAIT_SECONDS })
                  .then((r) => {
                    setRunning(undefined);
                    record(
                      d.id,
                      r.ok
                        ? `${t(r.value.ok ? 'staff.devices.ok' : 'staff.devices.failed')}: ${r.value.message}`
                        : r.error.message,
                    );
                  });
              }}
            >
              {t('staff.devices.selfTest')}
            </button>
            {results[d.id] ? (
              <span className="staff-result" data-testid={`staff-result-${d.id}`}>
                {results[d.id]}
              </span>
            ) : null}
          </li>
        ))}
    </ul>
  );
}

function SystemTab() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [info, setInfo] = useState<ValueOf<'tech.info'>>();
  const [targets, setTargets] = useState<string[]>([]);
  const [note, setNote] = useState<string>();
  const load = useCallback(() => {
    void client.call('tech.info', {}).then((r) => r.ok && setInfo(r.value));
    void client.call('tech.exportTargets', {}).then((r) => r.ok && setTargets(r.value.folders));
  }, [client]);
  useEffect(load, [load]);
  useEffect(() => client.on('tech.heartbeat', () => load()), [client, load]);

  const beat = info?.api.lastHeartbeat;
  return (
    <div data-testid="staff-system">
      {info ? (
        <dl className="staff-facts">
          <dt>{t('staff.system.version')}</dt>
          <dd data-testid="staff-version">{info.version}</dd>
          <dt>{t('staff.system.build')}</dt>
          <dd>{info.build}</dd>
          <dt>{t('staff.system.terminal')}</dt>
          <dd>{info.terminalId}</dd>
          <dt>{t('staff.system.api')}</dt>
          <dd>
            {info.api.baseUrl ?? '—'} {info.api.circuit ? `(${info.api.circuit})` : ''}{' '}
            {info.api.problem ?? ''}
          </dd>
          <dt>{t('staff.system.heartbeat')}</dt>
          <dd data-testid="staff-heartbeat">
            {beat
              ? `${beat.ok ? 'OK' : (beat.error ?? 'failed')} · ${beat.sentAt} · ${beat.status}`
              : t('staff.system.never')}
          </dd>
          <dt>{t('staff.system.auditHead')}</dt>
          <dd data-testid="staff-audit-head">
            #{info.auditHead.seq} {info.auditHead.hash.slice(0, 16)}
          </dd>
          <dt>{t('staff.system.availability')}</dt>
          <dd>
            {info.availability.state === 'in-service'
              ? t('staff.system.inService')
              : `${t('staff.system.outOfService')}: ${info.availability.reasons.join('; ')}`}
          </dd>
        </dl>
      ) : null}
      <button
        type="button"
        data-testid="staff-heartbeat-now"
        onClick={() => void client.call('tech.heartbeatNow', {}).then(load)}
      >
        {t('staff.system.heartbeatNow')}
      </button>
      <button
        type="button"
        data-testid="staff-restart"
        onClick={() =>
          void client
            .call('tech.restart', {})
            .then((r) => setNote(r.ok ? t('staff.system.restarting') : r.error.message))
        }
      >
        {t('staff.system.restart')}
      </button>
      <h3>{t('staff.system.exportFolder')}</h3>
      <div className="staff-targets">
        {targets.map((folder) => (
          <button
            key={folder}
            type="button"
            data-testid="staff-export-target"
            onClick={() =>
              void client
                .call('tech.export', { folder })
                .then((r) =>
                  setNote(
                    r.ok
                      ? t('staff.system.exported', { archive: r.value.archive })
                      : r.error.message,
                  ),
                )
            }
          >
            {t('staff.system.export')} → {folder}
          </button>
        ))}
      </div>
      <Note text={note} testId="staff-system-note" />
    </div>
  );
}

type ConfigView = ValueOf<'tech.configView'>;
type EditablePath = ConfigView['editable'][number]['path'];

/** Steps and bounds of the numeric fields (the schema checks again on save). */
const NUMBER_FIELDS: Partial<Record<EditablePath, { step: number; min: number; max: number }>> = {
  'ui.idleTimeoutSeconds': { step: 10, min: 30, max: 1800 },
  'ui.idleWarningSeconds': { step: 5, min: 20, max: 300 },
  'staff.sessionMinutes': { step: 5, min: 1, max: 120 },
  'maintenance.heartbeatSeconds': { step: 30, min: 0, max: 3600 },
};
const CHOICES: Partial<Record<EditablePath, readonly string[]>> = {
  'ui.defaultLanguage': ['zh-CN', 'en'],
  'logging.level': ['debug', 'info', 'warn', 'error'],
};

function ConfigTab() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [view, setView] = useState<ConfigView>();
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [note, setNote] = useState<string>();
  const load = useCallback(() => {
    void client.call('tech.configView', {}).then((r) => r.ok && setView(r.value));
  }, [client]);
  useEffect(load, [load]);

  const save = (path: EditablePath, value: unknown): void => {
    void client.call('tech.configSet', { path, value }).then((r) => {
      setNote(
        r.ok ? `${t('staff.config.saved')}: ${path} = ${JSON.stringify(value)}` : r.error.message,
      );
      load();
    });
  };

  if (!view) return null;
  return (
    <div data-testid="staff-config">
      <p className="muted">
        {view.path} · {t('staff.config.redactedNote')}
      </p>
      {view.pendingRestart ? (
        <p className="staff-note" data-testid="staff-config-pending">
          {t('staff.config.pending')}
        </p>
      ) : null}
      <ul className="staff-list">
        {view.editable.map(({ path, value }) => {
          const current = path in draft ? draft[path] : value;
          const numeric = NUMBER_FIELDS[path];
          const choices = CHOICES[path];
          return (
            <li key={path} data-testid={`staff-config-${path}`}>
              <span>
                <code>{path}</code>: <strong>{JSON.stringify(current)}</strong>
              </span>
              {numeric && typeof current === 'number' ? (
                <>
                  <button
                    type="button"
                    aria-label={`${path} −`}
                    onClick={() =>
                      setDraft({ ...draft, [path]: Math.max(numeric.min, current - numeric.step) })
                    }
                  >
                    −
                  </button>
                  <button
                    type="button"
                    aria-label={`${path} +`}
                    onClick={() =>
                      setDraft({ ...draft, [path]: Math.min(numeric.max, current + numeric.step) })
                    }
                  >
                    +
                  </button>
                </>
              ) : null}
              {choices?.map((choice) => (
                <button
                  key={choice}
                  type="button"
                  className={current === choice ? 'active' : ''}
                  onClick={() => setDraft({ ...draft, [path]: choice })}
                >
                  {choice}
                </button>
              ))}
              {path in draft ? (
                <button
                  type="button"
                  className="primary"
                  data-testid={`staff-config-save-${path}`}
                  onClick={() => save(path, draft[path])}
                >
                  {t('staff.config.save')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Note text={note} testId="staff-config-note" />
      <details>
        <summary>config</summary>
        <pre className="staff-config-json">{JSON.stringify(view.config, null, 2)}</pre>
      </details>
    </div>
  );
}

function AuditTab() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [entries, setEntries] = useState<ValueOf<'audit.recent'>>([]);
  const [verdict, setVerdict] = useState<string>();
  useEffect(() => {
    void client.call('audit.recent', { limit: 50 }).then((r) => r.ok && setEntries(r.value));
  }, [client]);
  return (
    <div data-testid="staff-audit">
      <button
        type="button"
        data-testid="staff-audit-verify"
        onClick={() =>
          void client.call('audit.verify', {}).then((r) => {
            if (!r.ok) return setVerdict(r.error.message);
            setVerdict(
              r.value.ok
                ? t('staff.audit.intact', { entries: r.value.entries })
                : t('staff.audit.broken', { count: r.value.problems.length }),
            );
          })
        }
      >
        {t('staff.audit.verify')}
      </button>
      <Note text={verdict} testId="staff-audit-verdict" />
      <table className="staff-audit-table">
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid="staff-audit-entry">
              <td>{e.seq}</td>
              <td>{e.at}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.outcome}</td>
              <td className="muted">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
