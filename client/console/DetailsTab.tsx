import { useTranslation } from 'react-i18next';
import { useConsole } from './ConsoleContext';
import { ForumForm } from './ForumForm';
import type { ForumData } from './useForumData';

/** Editing a forum's title, date, theme description and languages. */
export function DetailsTab({ data }: { data: ForumData }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const { forum, setForum } = data;
  if (!forum) return null;
  return (
    <section
      className="console-section console-section--card console-section--form"
      aria-labelledby="details-title"
    >
      <h2 id="details-title">{t('console.details.title')}</h2>
      <ForumForm
        key={forum.id}
        initial={{
          title: forum.title,
          date: forum.date,
          description: forum.description,
          languages: forum.languages,
        }}
        submitLabel={t('common.save')}
        onSubmit={async (fields) => setForum(await api.updateForum(forum.id, fields))}
      />
    </section>
  );
}
