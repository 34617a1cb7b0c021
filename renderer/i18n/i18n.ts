// i18next set up once, with both languages bundled (offline: nothing is fetched).
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/host/host-api';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
