/**
 * Choose the item: search by Chinese, full pinyin or pinyin initials (the service matches all
 * three over its catalogue cache), typed on the on-screen keyboard. Results are paged: fewer
 * per page in elder mode.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { usePageSize } from '../flow/preferences';
import type { ItemHit } from '../flow/session-machine';
import { useBilingual, useService } from '../flow/use-service';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';
import type { ValueOf } from '../../../electron/contract/index';

const OnScreenKeyboard = lazy(() => import('../components/OnScreenKeyboard'));

type Recommendations = ValueOf<'journey.recommendations'>;

export function ChooseItem() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const applicant = useFlowContext((c) => c.applicant);
  const pageSize = usePageSize(4, 2);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly ItemHit[] | undefined>(undefined);
  const [stale, setStale] = useState(false);
  const [page, setPage] = useState(0);
  const { client } = useKiosk();
  const [recommended, setRecommended] = useState<Recommendations | undefined>();
  const [refresh, setRefresh] = useState(0);

  // Recommendations and represented enterprises need the central API; without it the applicant
  // still searches, so a failure here shows nothing rather than an error.
  useEffect(() => {
    let live = true;
    void client.call('journey.recommendations', {}).then((r) => {
      if (live && r.ok) setRecommended(r.value);
    });
    return () => {
      live = false;
    };
  }, [client, refresh, applicant?.kind]);

  const chooseRecommended = async (code: string, nameZh: string) => {
    const r = await call('application.searchItems', { query: nameZh, limit: 10 }, 'approval');
    const hit = r?.hits.find((h) => h.implementCode === code);
    actor.send({ type: 'CHOOSE_ITEM', itemId: code, ...(hit ? { item: hit } : {}) });
  };
  const actFor = async (index: number) => {
    const done = await call('journey.actFor', { index }, 'service');
    if (done) setRefresh((n) => n + 1);
  };

  useAnnounce(
    () => [
      { text: t('chooseItem.hello') },
      ...(applicant ? [{ text: applicant.nameMasked, personal: true }] : []),
      { text: t('chooseItem.prompt') },
    ],
    'choose',
  );

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let live = true;
    const timer = setTimeout(() => {
      void call('application.searchItems', { query: q, limit: 20 }, 'approval').then((r) => {
        if (!live || !r) return;
        setHits(r.hits);
        setStale(r.stale);
        setPage(0);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, call]);

  const shown = query.trim() ? (hits ?? []) : [];
  const pages = Math.max(1, Math.ceil(shown.length / pageSize));
  const visible = shown.slice(page * pageSize, page * pageSize + pageSize);

  return (
    <StepFrame step="chooseItem" title={t('chooseItem.title')}>
      {applicant ? (
        <p className="applicant-line" data-testid="applicant">
          {t('chooseItem.hello')} <span className="applicant-name">{applicant.nameMasked}</span>{' '}
          <span className="applicant-id">{applicant.idNumberMasked}</span>
        </p>
      ) : null}
      {recommended && applicant?.kind !== 'agent' && recommended.represents.length ? (
        <div className="choices" role="group" aria-label={t('chooseItem.actFor')}>
          <span>{t('chooseItem.actFor')}</span>
          {recommended.represents.slice(0, pageSize).map((e) => (
            <button
              key={e.index}
              type="button"
              data-testid={`act-for-${e.index}`}
              onClick={() => void actFor(e.index)}
            >
              {e.name}
            </button>
          ))}
        </div>
      ) : null}
      {applicant?.enterpriseName ? (
        <p data-testid="acting-for">
          {t('chooseItem.actingFor', { name: applicant.enterpriseName })}
        </p>
      ) : null}
      {recommended?.items.length && !query.trim() ? (
        <>
          <h2>{t('chooseItem.recommended')}</h2>
          <ul className="item-list" data-testid="recommended">
            {recommended.items.slice(0, pageSize).map((item) => (
              <li key={`${item.implementCode}-${item.reason}`}>
                <button
                  type="button"
                  className="item"
                  data-testid={`recommended-${item.implementCode}`}
                  onClick={() => void chooseRecommended(item.implementCode, item.name['zh-CN'])}
                >
                  <span className="item-name">{pick(item.name)}</span>
                  <span className="muted">{pick(item.detail)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="search-row">
        <label htmlFor="item-search">{t('chooseItem.search')}</label>
        <input
          id="item-search"
          data-testid="item-search"
          inputMode="none"
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('chooseItem.placeholder')}
        />
      </div>
      {stale ? <p className="notice">{t('chooseItem.stale')}</p> : null}
      <ul className="item-list" data-testid="item-list">
        {visible.map((hit) => (
          <li key={hit.implementCode}>
            <button
              type="button"
              className="item"
              data-testid={`item-${hit.implementCode}`}
              onClick={() =>
                actor.send({ type: 'CHOOSE_ITEM', itemId: hit.implementCode, item: hit })
              }
            >
              <span className="item-name">{pick(hit.name)}</span>
              <span className="muted">{pick(hit.agencyName)}</span>
            </button>
          </li>
        ))}
      </ul>
      {query.trim() && hits && hits.length === 0 ? (
        <p data-testid="no-items">{t('chooseItem.none')}</p>
      ) : null}
      {pages > 1 ? (
        <div className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('flow.previousPage')}
          </button>
          <span>{t('flow.page', { n: page + 1, total: pages })}</span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            {t('flow.nextPage')}
          </button>
        </div>
      ) : null}
      <Suspense fallback={null}>
        <OnScreenKeyboard value={query} onChange={setQuery} mode="search" />
      </Suspense>
    </StepFrame>
  );
}
