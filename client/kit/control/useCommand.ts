import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlCommand } from '@shared/control/commands';
import { useBoard } from '../BoardContext';
import { type CommandResult } from './api';
import { ApiError } from '../../api/http';
import { useFacilitation } from './FacilitationContext';

/** The message for a failed facilitation request, in the UI language. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) return t('facError.generic');
      if (err.code === 'network') return t('facError.network');
      if (err.code === 'archived') return t('facError.archived');
      if (err.code === 'removed') return t('facError.removed');
      if (err.code === 'too_large') return t('facError.tooLarge');
      if (err.status === 401 || err.status === 403) return t('facError.forbidden');
      return t('facError.generic');
    },
    [t],
  );
}

/** Runs facilitator commands, keeping the last error to show next to the controls. */
export function useCommand(): {
  run: (command: ControlCommand, done?: string) => Promise<CommandResult | null>;
  busy: boolean;
  error: string | null;
} {
  const fac = useFacilitation();
  const { view } = useBoard();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (command: ControlCommand, done?: string) => {
      setBusy(true);
      setError(null);
      try {
        const result = await fac.command(command);
        if (done) view.announce(done);
        return result;
      } catch (err) {
        const text = errorText(err);
        setError(text);
        view.announce(text);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [fac, view, errorText],
  );
  return { run, busy, error };
}
