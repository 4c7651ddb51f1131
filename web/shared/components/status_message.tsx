/**
 * A live region for the result of an action ("Bericht … is verwijderd."). The region is always
 * in the page, so screen readers announce the text that later appears in it.
 */
import { Alert, Paragraph } from '@utrecht/component-library-react';

/** The outcome of the last action: a success to confirm, or a failure to explain. */
export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

export function StatusMessage({ outcome }: { readonly outcome: Outcome | null }) {
  return (
    <div aria-live="polite" role="status" className="kp-status">
      {outcome !== null && (
        <Alert type={outcome.ok ? 'ok' : 'error'} role="none">
          <Paragraph>{outcome.text}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
