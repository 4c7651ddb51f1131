/**
 * The admin form to replace a participant's certificate: the new certificate (PEM) and how many
 * days the old one stays valid alongside it (0–90), sent to
 * `POST /v1/operator/participants/{oin}/certificates`.
 */
import { Alert, Button, ButtonGroup, Heading, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText, rotateCertificate } from '../api.ts';
import type { ParticipantView } from '../api_types.ts';
import { useSession } from '../session.ts';
import {
  ErrorSummary,
  TextField,
  TextareaField,
  type FieldErrors,
} from '../../../shared/components/fields.tsx';

const LABELS = {
  'rotate-pem': 'Nieuw certificaat (PEM)',
  'rotate-overlap': 'Overlap in dagen',
};

/** The form's mistakes, by field id. */
export function validateRotation(pem: string, overlap: string): FieldErrors {
  const errors: Record<string, string> = {};
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    errors['rotate-pem'] = 'Plak een certificaat dat begint met -----BEGIN CERTIFICATE-----.';
  }
  const days = Number(overlap);
  if (overlap.trim() === '' || !Number.isInteger(days) || days < 0 || days > 90) {
    errors['rotate-overlap'] = 'Vul een heel aantal dagen in, van 0 tot en met 90.';
  }
  return errors;
}

export interface CertificateFormProps {
  readonly participant: ParticipantView;
  /** Called with the changed participant after the hub accepted the new certificate. */
  readonly onDone: (participant: ParticipantView, overlapDays: number) => void;
  readonly onCancel: () => void;
}

export function CertificateForm({ participant, onDone, onCancel }: CertificateFormProps) {
  const { csrfToken } = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const [pem, setPem] = useState('');
  const [overlap, setOverlap] = useState('7');
  const [errors, setErrors] = useState<FieldErrors>({});
  const rotate = useMutation({
    mutationFn: () => rotateCertificate(participant.oin, pem.trim(), Number(overlap), csrfToken),
    onSuccess: (changed) => onDone(changed, Number(overlap)),
  });

  // The form opens below the table: take the keyboard there.
  useEffect(() => heading.current?.focus(), [participant.oin]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateRotation(pem, overlap);
    setErrors(found);
    if (Object.keys(found).length === 0) rotate.mutate();
  };

  return (
    <section aria-labelledby="kp-rotate" className="kp-panel">
      <Heading level={2} id="kp-rotate" ref={heading} tabIndex={-1}>
        {`Certificaat vervangen voor ${participant.name}`}
      </Heading>
      <Paragraph>
        Het nieuwe certificaat geldt meteen. De huidige certificaten blijven nog het aantal dagen
        van de overlap geldig, zodat de deelnemer rustig kan overstappen.
      </Paragraph>
      {rotate.isError && (
        <Alert type="error">
          <Paragraph>{errorText(rotate.error)}</Paragraph>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={LABELS} headingLevel={3} />
        <TextareaField
          id="rotate-pem"
          label="Nieuw certificaat (PEM)"
          value={pem}
          onChange={setPem}
          rows={10}
          error={errors['rotate-pem']}
        />
        <TextField
          id="rotate-overlap"
          label="Overlap in dagen"
          type="number"
          min={0}
          max={90}
          value={overlap}
          onChange={setOverlap}
          hint="Van 0 tot en met 90 dagen."
          error={errors['rotate-overlap']}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={rotate.isPending}>
            Vervangen
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
