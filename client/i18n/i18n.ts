/**
 * i18next set up once for the whole app. Every UI string lives in `locales/*.json`; components
 * only ever call `t(key)`. The resources are bundled: the app must start without the network.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fi from './locales/fi.json';
import sv from './locales/sv.json';
import type { Language } from './languages';

/** Initialises i18next in `language`; call once before the first render. */
export function initI18n(language: Language): void {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fi: { translation: fi }, sv: { translation: sv } },
    lng: language,
    fallbackLng: 'en',
    // React escapes text itself; escaping twice would show entities.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
}
