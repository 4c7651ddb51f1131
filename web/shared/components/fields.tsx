/**
 * Form fields with a visible label, an optional hint and an error right under the label, plus
 * the summary of a form's errors that goes at the top of the form. Ids are given by the caller,
 * so the summary can link to each field.
 */
import {
  Alert,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useRef, type ReactNode } from 'react';

/** Errors of a form, by field id. */
export type FieldErrors = Readonly<Record<string, string>>;

interface FieldFrameProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
  readonly children: ReactNode;
}

/** The ids an input points at with aria-describedby. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((x) => x !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  return (
    <FormField invalid={error !== undefined} className="kp-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      {hint && <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription>}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`}>
          <span className="kp-visually-hidden">Fout: </span>
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

export interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'password' | 'date' | 'number';
  readonly hint?: string;
  readonly error?: string;
  readonly autoComplete?: string;
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly inputMode?: 'numeric' | 'text';
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, type = 'text', hint, error } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <Textbox
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        invalid={error !== undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={props.autoComplete}
        required={props.required}
        min={props.min}
        max={props.max}
        inputMode={props.inputMode}
      />
    </FieldFrame>
  );
}

export interface TextareaFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly hint?: string;
  readonly error?: string;
  readonly rows?: number;
}

export function TextareaField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows,
}: TextareaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <Textarea
        id={id}
        name={id}
        value={value}
        rows={rows ?? 8}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        invalid={error !== undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** One choice of a select: the value sent and the Dutch text shown. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface SelectFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly choices: readonly Choice[];
  readonly hint?: string;
  readonly error?: string;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  choices,
  hint,
  error,
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <Select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        invalid={error !== undefined}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {choices.map((choice) => (
          <SelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SelectOption>
        ))}
      </Select>
    </FieldFrame>
  );
}

export interface ErrorSummaryProps {
  readonly errors: FieldErrors;
  /** The field labels by id, in the form's order. */
  readonly labels: Readonly<Record<string, string>>;
  /** One below the heading of the form's section. */
  readonly headingLevel?: number;
}

/**
 * The list of a form's errors, shown at its top and focused when it appears, each error a link
 * that moves focus to its field.
 */
export function ErrorSummary({ errors, labels, headingLevel = 2 }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const ids = Object.keys(labels).filter((id) => errors[id] !== undefined);
  const shown = ids.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} className="kp-error-summary">
      <Alert type="error" role="none">
        <Heading level={headingLevel} appearance="utrecht-heading-4">
          Controleer het formulier
        </Heading>
        <Paragraph>
          {ids.length === 1 ? 'Er is 1 fout gevonden:' : `Er zijn ${ids.length} fouten gevonden:`}
        </Paragraph>
        <UnorderedList>
          {ids.map((id) => (
            <UnorderedListItem key={id}>
              <a
                href={`#${id}`}
                className="utrecht-link"
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(id)?.focus();
                }}
              >
                {labels[id]}: {errors[id]}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </div>
  );
}
