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
import { useAnnounce } from '../speech/speech';

const OnScreenKeyboard = lazy(() => import('../components/OnScreenKeyboard'));

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
