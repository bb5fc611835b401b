import { useTranslation } from 'react-i18next';
import { useBoard } from '../../kit/BoardContext';
import { useStore } from '../../kit/useStore';

const MAX_SHOWN = 5;

/** Avatars of the others at this board (from presence; viewers never appear). */
export function PeopleHere() {
  const { t } = useTranslation();
  const { board } = useBoard();
  const peers = useStore(board.presence.peers);
  const unique = [...new Map(peers.map((p) => [p.user.id, p.user])).values()];
  if (unique.length === 0) return null;
  const names = unique.map((u) => u.name).join(', ');
  return (
    <div className="people" title={names}>
      <span className="visually-hidden">{t('people.here', { count: unique.length, names })}</span>
      <ul className="people__list" aria-hidden="true">
        {unique.slice(0, MAX_SHOWN).map((u) => (
          <li key={u.id} className="avatar" style={{ background: u.color }}>
            {u.name.slice(0, 1).toUpperCase()}
          </li>
        ))}
        {unique.length > MAX_SHOWN ? (
          <li className="avatar avatar--more">+{unique.length - MAX_SHOWN}</li>
        ) : null}
      </ul>
    </div>
  );
}
