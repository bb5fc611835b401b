import i18next from 'i18next';
import type { Language } from '../i18n/languages';
import { saveLanguage } from '../session/profile';

/**
 * Switches the UI language now and remembers it on the device. Here, not in i18n/, because it
 * writes the device profile (session/), which itself reads i18n/languages.
 */
export function changeLanguage(language: Language): void {
  saveLanguage(language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
