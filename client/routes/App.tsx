import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './route';
import { HomePage } from './HomePage';
import { BoardRoute } from './board/BoardRoute';
import { ErrorPage } from '../kit/ErrorPage';
import { AdminRoute } from '../console/AdminRoute';
import { EntranceRoute } from '../entrance/EntranceRoute';

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.hash);
}

/** The top of the app: picks a page by URL. There are few routes, so no router library. */
export function App() {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = (): void => setRoute(currentRoute());
    window.addEventListener('popstate', onChange);
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener('hashchange', onChange);
    };
  }, []);

  switch (route.kind) {
    case 'home':
      return <HomePage />;
    case 'board':
      return <BoardRoute key={route.boardId} boardId={route.boardId} token={route.token} />;
    case 'admin':
      return <AdminRoute path={route.path} />;
    case 'forum':
      return <EntranceRoute key={route.forumId} forumId={route.forumId} token={route.token} />;
    case 'notFound':
      return <ErrorPage kind="notFound" />;
  }
}
