/**
 * Inloggen: shown whenever the hub knows no portal session. Name, password and the six-digit
 * code from the authenticator app go to `POST /v1/portal/session`. Empty or malformed fields
 * are named at the field and in the summary; the hub's refusals are explained in words:
 * LOGIN_FAILED (one answer for a wrong name, password or code) and LOGIN_THROTTLED.
 */
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorText } from '../../../shared/api.ts';
import { ErrorSummary, TextField, type FieldErrors } from '../../../shared/components/fields.tsx';
import { PageFrame } from '../../../shared/components/page_frame.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { login } from '../api.ts';
import { SESSION_KEY } from '../session.ts';

const LABELS = {
  'login-name': 'Gebruikersnaam',
  'login-password': 'Wachtwoord',
  'login-code': 'Code uit de authenticator-app',
};

/** The form's mistakes, by field id. */
export function validateLogin(name: string, password: string, code: string): FieldErrors {
  const errors: Record<string, string> = {};
  if (name.trim() === '') errors['login-name'] = 'Vul uw gebruikersnaam in.';
  if (password === '') errors['login-password'] = 'Vul uw wachtwoord in.';
  if (code.trim() === '') errors['login-code'] = 'Vul de code uit uw authenticator-app in.';
  else if (!/^[0-9]{6}$/.test(code.replace(/\s/g, ''))) {
    errors['login-code'] = 'De code bestaat uit 6 cijfers.';
  }
  return errors;
}

/** What a refused login means, in words for the user. */
export function loginRefusal(error: unknown): string {
  if (error instanceof ApiError && error.code === 'LOGIN_FAILED') {
    return (
      'Inloggen is niet gelukt: de gebruikersnaam, het wachtwoord of de code klopt niet. ' +
      'Een code werkt maar 30 seconden en maar één keer; wacht op de volgende code en probeer ' +
      'het opnieuw. Na vijf mislukte pogingen moet u even wachten.'
    );
  }
  if (error instanceof ApiError && error.code === 'LOGIN_THROTTLED') {
    return (
      'Er is te vaak verkeerd ingelogd. Wacht even voordat u het opnieuw probeert: eerst een ' +
      'minuut, na meer mislukte pogingen langer. Lukt het daarna niet, vraag dan de beheerder ' +
      'van uw organisatie om hulp.'
    );
  }
  return errorText(error);
}

export function LoginScreen() {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const refusal = useRef<HTMLDivElement>(null);
  const signIn = useMutation({
    mutationFn: () => login(name.trim(), password, code.replace(/\s/g, '')),
    onSuccess: (session) => client.setQueryData(SESSION_KEY, session),
    // A code works once: the next try needs the next one.
    onError: () => setCode(''),
  });

  // The refusal is announced and takes focus, so the user hears why.
  useEffect(() => {
    if (signIn.isError) refusal.current?.focus();
  }, [signIn.isError, signIn.failureCount]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateLogin(name, password, code);
    setErrors(found);
    if (Object.keys(found).length === 0) signIn.mutate();
  };

  return (
    <PageFrame title="Knooppunt — portaal" path="/inloggen" narrow>
      <ScreenHeading>Inloggen</ScreenHeading>
      <Paragraph>
        Log in met uw gebruikersnaam, uw wachtwoord en de code die uw authenticator-app nu toont.
      </Paragraph>
      {signIn.isError && (
        <div ref={refusal} tabIndex={-1} className="kp-error-summary">
          <Alert type="error">
            <Paragraph>{loginRefusal(signIn.error)}</Paragraph>
          </Alert>
        </div>
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
        <TextField
          id="login-code"
          label="Code uit de authenticator-app"
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="6 cijfers. De code verandert elke 30 seconden."
          error={errors['login-code']}
        />
        <Button type="submit" appearance="primary-action-button" busy={signIn.isPending}>
          Inloggen
        </Button>
      </form>
    </PageFrame>
  );
}
