import { createContext, useContext } from 'react';
import type { Facilitation } from './facilitation';

export const FacilitationContext = createContext<Facilitation | null>(null);

/** The board page's facilitation; only inside a board page. */
export function useFacilitation(): Facilitation {
  const value = useContext(FacilitationContext);
  if (!value) throw new Error('useFacilitation outside FacilitationContext');
  return value;
}
