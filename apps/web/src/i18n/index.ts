export { I18nProvider, useI18n, type I18n, type TFunction } from './context';
export { getLocale, setLocale, translate, LOCALES, type MessageKey } from './core';
