/**
 * The frame of every journey screen: progress, heading, a body that may scroll, and the actions
 * in a bar that never scrolls away (the main action is always reachable without scrolling).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowActor } from '../flow/flow';
import { JOURNEY_STEPS, type Step } from '../flow/session-machine';

export function StepFrame({
  step,
  title,
  children,
  primary,
  secondary,
  back = true,
}: {
  step: Step;
  title: string;
  children: ReactNode;
  /** The main action, right-most in the action bar. */
  primary?: ReactNode;
  /** Another way forward, just left of the main action. */
  secondary?: ReactNode;
  /** Show "back" (sends BACK). */
  back?: boolean;
}) {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const index = (JOURNEY_STEPS as readonly string[]).indexOf(step);
  return (
    <main className="step" data-testid={`screen-${step}`} aria-labelledby="step-title">
      <div className="step-head">
        {index >= 0 ? (
          <p className="step-progress">
            {t('flow.progress', { n: index + 1, total: JOURNEY_STEPS.length })}
          </p>
        ) : null}
        <h1 id="step-title">{title}</h1>
      </div>
      {/* Focusable, so a keyboard or switch user can scroll a long body (axe:
          scrollable-region-focusable); the main action never scrolls away in any case. */}
      <div className="step-body" tabIndex={0} role="region" aria-labelledby="step-title">
        {children}
      </div>
      <div className="step-actions">
        <button type="button" data-testid="cancel" onClick={() => actor.send({ type: 'CANCEL' })}>
          {t('flow.cancel')}
        </button>
        <span className="spacer" />
        {back ? (
          <button type="button" data-testid="back" onClick={() => actor.send({ type: 'BACK' })}>
            {t('flow.back')}
          </button>
        ) : null}
        {secondary}
        {primary}
      </div>
    </main>
  );
}

/** The main action button of a step. */
export function PrimaryButton({
  onClick,
  children,
  disabled,
  testId = 'next',
}: {
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className="primary"
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
