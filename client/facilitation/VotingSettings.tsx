import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BUDGET, MIN_BUDGET, type VotingConfig } from '@shared/control/voting';
import { useStore } from '../kit/useStore';
import { useFacilitation } from '../kit/control/FacilitationContext';
import { useCommand } from '../kit/control/useCommand';
import { CommandError } from '../kit/control/CommandError';

/** The facilitator's dot-voting rules, and Reveal / Reset. */
export function VotingSettings() {
  const fac = useFacilitation();
  const voting = useStore(fac.control).voting;
  // Remounted when the rules change elsewhere (another facilitator), so the form shows them.
  return <VotingForm key={JSON.stringify(voting)} voting={voting} />;
}

function VotingForm({ voting }: { voting: VotingConfig }) {
  const { t } = useTranslation();
  const fac = useFacilitation();
  const control = useStore(fac.control);
  const { run, busy, error } = useCommand();
  const [budget, setBudget] = useState(String(voting.budget));
  const [allowMultiple, setAllowMultiple] = useState(voting.allowMultiple);
  const [hidden, setHidden] = useState(voting.hidden);
  const [allowRemote, setAllowRemote] = useState(voting.allowRemote);
  const [confirmReset, setConfirmReset] = useState(false);
  const ids = {
    budget: useId(),
    multiple: useId(),
    hidden: useId(),
    remote: useId(),
    hint: useId(),
  };
  const n = Number(budget);
  const valid = Number.isInteger(n) && n >= MIN_BUDGET && n <= MAX_BUDGET;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!valid) return;
    void run(
      { type: 'configureVoting', budget: n, allowMultiple, hidden, allowRemote },
      t('voting.saved'),
    );
  };
  const check = (id: string, value: boolean, set: (v: boolean) => void, label: string) => (
    <div className="field field--check">
      <input id={id} type="checkbox" checked={value} onChange={(e) => set(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );

  return (
    <div className="fac-section" role="group" aria-label={t('voting.settings')}>
      <h3 className="fac-section__title">{t('voting.settings')}</h3>
      <form onSubmit={submit} className="fac-form">
        <div className="fac-row">
          <label htmlFor={ids.budget}>{t('voting.budget')}</label>
          <input
            id={ids.budget}
            className="fac-number"
            type="number"
            min={MIN_BUDGET}
            max={MAX_BUDGET}
            step={1}
            value={budget}
            aria-invalid={!valid || undefined}
            aria-describedby={ids.hint}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>
        <p id={ids.hint} className="hint">
          {t('voting.budgetHint', { min: MIN_BUDGET, max: MAX_BUDGET })}
        </p>
        {check(ids.multiple, allowMultiple, setAllowMultiple, t('voting.allowMultiple'))}
        {check(ids.hidden, hidden, setHidden, t('voting.hidden'))}
        {check(ids.remote, allowRemote, setAllowRemote, t('voting.allowRemote'))}
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={busy || !valid}
        >
          {t('voting.save')}
        </button>
      </form>
      <div className="fac-row">
        <button
          type="button"
          className="button button--small"
          disabled={busy || control.revealed || !control.voting.hidden}
          onClick={() => void run({ type: 'revealVotes' }, t('voting.revealedAnnounce'))}
        >
          {t('voting.reveal')}
        </button>
        {confirmReset ? (
          <span className="fac-row" role="group" aria-label={t('voting.resetConfirm')}>
            <span>{t('voting.resetConfirm')}</span>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={busy}
              onClick={() => {
                setConfirmReset(false);
                void run({ type: 'resetVotes' }, t('voting.resetAnnounce'));
              }}
            >
              {t('voting.resetYes')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => setConfirmReset(false)}
            >
              {t('common.cancel')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button--small button--danger"
            disabled={busy}
            onClick={() => setConfirmReset(true)}
          >
            {t('voting.reset')}
          </button>
        )}
      </div>
      {control.voting.hidden ? (
        <p className="hint">
          {control.revealed ? t('voting.stateRevealed') : t('voting.stateHidden')}
        </p>
      ) : null}
      <CommandError error={error} />
    </div>
  );
}
