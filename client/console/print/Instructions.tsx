import { useTranslation } from 'react-i18next';

/** The sheet speaks to everyone in the room at once: Finnish, Swedish and English side by side. */
const SHEET_LANGUAGES = ['fi', 'sv', 'en'] as const;

/** Short instructions under a QR code, in all three languages. */
export function Instructions({ kind }: { kind: 'table' | 'entrance' }) {
  // Under the forum's h1 on the cover, under the table's h2 on a table page.
  const Heading = kind === 'entrance' ? 'h2' : 'h3';
  const { i18n } = useTranslation();
  return (
    <div className="sheet-steps">
      {SHEET_LANGUAGES.map((lng) => {
        const t = i18n.getFixedT(lng);
        return (
          <section key={lng} lang={lng} className="sheet-steps__lang">
            <Heading>{t(`console.sheet.${kind}.heading`)}</Heading>
            <p>{t(`console.sheet.${kind}.body`)}</p>
          </section>
        );
      })}
    </div>
  );
}
