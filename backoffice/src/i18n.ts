// Italian by default, English switchable; every visible string of the back office lives in locales/.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { it } from './locales/it.js';
import { en } from './locales/en.js';

export function initI18n(lng: 'it' | 'en' = 'it'): I18n {
  void i18next.use(initReactI18next).init({
    resources: { it: { translation: it }, en: { translation: en } },
    lng,
    fallbackLng: 'it',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
