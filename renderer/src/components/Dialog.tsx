import type { ReactNode } from 'react';

/** A modal dialog over the screen; the caller gives it a heading with `titleId`. */
export function Dialog({
  titleId,
  testId,
  alert = false,
  children,
}: {
  titleId: string;
  testId: string;
  alert?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}
