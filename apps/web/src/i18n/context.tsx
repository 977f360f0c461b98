import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { PARTY_ORG_TYPE_LABELS, PLACE_TYPE_LABELS, ROLE_LABELS } from '@gridwork/contracts';
import type { Locale, PartyOrgType, PlaceType, Role } from '@gridwork/contracts';
import { getLocale, setLocale, subscribeLocale, translate, type MessageKey, type MessageParams } from './core';

export type TFunction = (key: MessageKey, params?: MessageParams) => string;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: TFunction;
  roleLabel: (role: Role) => string;
  placeTypeLabel: (type: PlaceType) => string;
  partyOrgTypeLabel: (type: PartyOrgType) => string;
  /** A timestamp (ISO string) in the UI locale, to the minute. */
  formatDateTime: (iso: string | null | undefined) => string;
}

function makeI18n(locale: Locale): I18n {
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return {
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    roleLabel: (role) => ROLE_LABELS[role]?.[locale] ?? role,
    placeTypeLabel: (type) => PLACE_TYPE_LABELS[type]?.[locale] ?? type,
    partyOrgTypeLabel: (type) => PARTY_ORG_TYPE_LABELS[type]?.[locale] ?? type,
    formatDateTime: (iso) => {
      if (!iso) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n(getLocale()));

/** Provides the locale to the tree; keeps `<html lang>` and the document title in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useSyncExternalStore(subscribeLocale, getLocale);
  const value = useMemo(() => makeI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = value.t('app.documentTitle');
  }, [locale, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
