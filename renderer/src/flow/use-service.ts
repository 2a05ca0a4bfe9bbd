/**
 * Calls the service from a screen: the value on success; on failure the error becomes the fault
 * screen (what happened, what to do) and the caller gets undefined. Also the applicant-facing
 * pick between the two languages of a bilingual text from the service.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodName, ParamsOf, ValueOf } from '../../../electron/contract/index';
import { useKiosk } from '../kiosk-context';
import { useFlowActor } from './flow';
import { isFault } from './faults';
import type { Fault } from './session-machine';

export function useService() {
  const { client } = useKiosk();
  const actor = useFlowActor();
  return useCallback(
    async <M extends MethodName>(
      method: M,
      params: ParamsOf<M>,
      source: Fault['source'] = 'service',
    ): Promise<ValueOf<M> | undefined> => {
      const result = await client.call(method, params);
      if (result.ok) return result.value;
      if (isFault(result.error.code)) {
        actor.send({ type: 'FAULT', fault: { code: result.error.code, source } });
      }
      return undefined;
    },
    [client, actor],
  );
}

export interface Bilingual {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** Picks the displayed language's side of a bilingual text. */
export function useBilingual(): (text: Bilingual) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useCallback((text: Bilingual) => text[language], [language]);
}
