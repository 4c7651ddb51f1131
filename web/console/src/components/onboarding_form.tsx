/**
 * The admin form to register a new participant ("Deelnemer aanmelden"): OIN, name, kind,
 * transport and optionally its first certificate, sent to `POST /v1/operator/participants`.
 */
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { addParticipant, errorText } from '../api.ts';
import { PARTICIPANT_KINDS, type ParticipantView } from '../api_types.ts';
import { isOin, participantKindNl } from '../format.ts';
import { useSession } from '../session.ts';
import {
  ErrorSummary,
  SelectField,
  TextField,
  TextareaField,
  type Choice,
  type FieldErrors,
} from '../../../shared/components/fields.tsx';

const LABELS = {
  'onboard-oin': 'OIN',
  'onboard-name': 'Naam',
  'onboard-kind': 'Soort',
  'onboard-transport': 'Transport',
  'onboard-pem': 'Certificaat (PEM, optioneel)',
};

const KIND_CHOICES: readonly Choice[] = PARTICIPANT_KINDS.map((kind) => ({
  value: kind,
  label: participantKindNl(kind),
}));

const TRANSPORT_CHOICES: readonly Choice[] = [
  { value: 'rest', label: 'REST' },
  { value: 'amqp', label: 'AMQP' },
];

interface Draft {
  readonly oin: string;
  readonly name: string;
  readonly kind: string;
  readonly transport: string;
  readonly pem: string;
}

const EMPTY: Draft = { oin: '', name: '', kind: PARTICIPANT_KINDS[0], transport: 'rest', pem: '' };

/** The form's mistakes, by field id. */
export function validateOnboarding(draft: Draft): FieldErrors {
  const errors: Record<string, string> = {};
  if (!isOin(draft.oin.trim())) errors['onboard-oin'] = 'Een OIN bestaat uit 20 cijfers.';
  if (draft.name.trim() === '') errors['onboard-name'] = 'Vul de naam van de deelnemer in.';
  const pem = draft.pem.trim();
  if (pem !== '' && !pem.includes('-----BEGIN CERTIFICATE-----')) {
    errors['onboard-pem'] = 'Plak een certificaat dat begint met -----BEGIN CERTIFICATE-----.';
  }
  return errors;
}

export function OnboardingForm({ onDone }: { readonly onDone: (added: ParticipantView) => void }) {
  const { csrfToken } = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });
  const add = useMutation({
    mutationFn: () =>
      addParticipant(
        {
          oin: draft.oin.trim(),
          name: draft.name.trim(),
          kind: draft.kind,
          transport: draft.transport === 'amqp' ? 'amqp' : 'rest',
          ...(draft.pem.trim() !== '' ? { certificatePem: draft.pem.trim() } : {}),
        },
        csrfToken,
      ),
    onSuccess: (added) => {
      setDraft(EMPTY);
      onDone(added);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateOnboarding(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) add.mutate();
  };

  return (
    <section aria-labelledby="kp-onboard" className="kp-panel">
      <Heading level={2} id="kp-onboard">
        Deelnemer aanmelden
      </Heading>
      {add.isError && (
        <Alert type="error">
          <Paragraph>{errorText(add.error)}</Paragraph>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={LABELS} headingLevel={3} />
        <TextField
          id="onboard-oin"
          label="OIN"
          value={draft.oin}
          onChange={set('oin')}
          inputMode="numeric"
          hint="Het organisatie-identificatienummer: 20 cijfers."
          error={errors['onboard-oin']}
        />
        <TextField
          id="onboard-name"
          label="Naam"
          value={draft.name}
          onChange={set('name')}
          error={errors['onboard-name']}
        />
        <SelectField
          id="onboard-kind"
          label="Soort"
          value={draft.kind}
          onChange={set('kind')}
          choices={KIND_CHOICES}
        />
        <SelectField
          id="onboard-transport"
          label="Transport"
          value={draft.transport}
          onChange={set('transport')}
          choices={TRANSPORT_CHOICES}
        />
        <TextareaField
          id="onboard-pem"
          label="Certificaat (PEM, optioneel)"
          value={draft.pem}
          onChange={set('pem')}
          error={errors['onboard-pem']}
        />
        <Button type="submit" appearance="primary-action-button" busy={add.isPending}>
          Aanmelden
        </Button>
      </form>
    </section>
  );
}
