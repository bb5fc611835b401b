import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './consoleRoute';

/** A link inside the app: a plain anchor (open in new tab still works) that navigates in place. */
export function ConsoleLink({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const go = (e: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={go} {...rest} />;
}
