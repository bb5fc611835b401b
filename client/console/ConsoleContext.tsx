import { createContext, useContext } from 'react';
import type { ConsoleApi } from './api';

export interface ConsoleContextValue {
  api: ConsoleApi;
  /** Call when the server refuses the admin token mid-session. */
  onUnauthorized: () => void;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** The admin API of this console session. */
export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the forum console');
  return value;
}
