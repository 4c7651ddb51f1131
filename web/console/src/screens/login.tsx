/**
 * Login: shown whenever the hub knows no session (`GET /v1/operator/session` answers 401).
 * Name and password go to `POST /v1/operator/session`; the answer is the session itself.
 */
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorText, login } from '../api.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../../../shared/components/fields.tsx';
import { PageFrame } from '../../../shared/components/page_frame.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { SESSION_KEY } from '../session.ts';

const LABELS = { 'login-name': 'Gebruikersnaam', 'login-password': 'Wachtwoord' };

function validate(name: string, password: string): FieldErrors {
  const errors: Record<string, string> = {};
  if (name.trim() === '') errors['login-name'] = 'Vul uw gebruikersnaam in.';
  if (password === '') errors['login-password'] = 'Vul uw wachtwoord in.';
  return errors;
}

export function LoginScreen() {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const signIn = useMutation({
    mutationFn: () => login(name.trim(), password),
    onSuccess: (session) => client.setQueryData(SESSION_KEY, session),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(name, password);
    setErrors(found);
    if (Object.keys(found).length === 0) signIn.mutate();
  };

  return (
    <PageFrame title="Knooppunt — beheer" path="/inloggen" narrow>
      <ScreenHeading>Inloggen</ScreenHeading>
      <Paragraph>Log in met uw beheerdersaccount van deze hub.</Paragraph>
      {signIn.isError && (
        <Alert type="error">
          <Paragraph>{errorText(signIn.error)}</Paragraph>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={LABELS} />
        <TextField
          id="login-name"
          label="Gebruikersnaam"
          value={name}
          onChange={setName}
          autoComplete="username"
          error={errors['login-name']}
        />
        <TextField
          id="login-password"
          label="Wachtwoord"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={errors['login-password']}
        />
        <Button type="submit" appearance="primary-action-button" busy={signIn.isPending}>
          Inloggen
        </Button>
      </form>
    </PageFrame>
  );
}
