/**
 * A form generated from a message schema of the standard (@rjsf/core), so a new type or
 * version in `schemas/` needs no hand-written form: labels are the property names made
 * readable, choices are the enum values made readable, amounts in cents are typed in euros,
 * and the browser validates with the standard's own schema (validator.ts: every rule, the
 * standard's formats `oin`, `bsn`, `iban`, messages in Dutch). The hub validates again; what it still refuses
 * comes back as `serverErrors` and is shown at its field too.
 */
import { useMemo } from 'react';
import type { ChangeEvent, ComponentType } from 'react';
import Form, { getDefaultRegistry } from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import { TranslatableString, englishStringTranslator } from '@rjsf/utils';
import type { ErrorSchema, RJSFSchema, WidgetProps } from '@rjsf/utils';
import { readableName } from '../../../shared/format.ts';
import './send.css';
import type { JsonSchema } from '../api_types.ts';
import { centsOf, euroText } from './amounts.ts';
import type { Violation } from './send_api.ts';
import { pruneEmpty, standardValidator } from './validator.ts';

/** An `anyOf`/`oneOf` branch that only requires fields the object already has. */
function isRequirementOnly(option: unknown): boolean {
  if (typeof option !== 'object' || option === null) return false;
  const { required, properties, ...rest } = option as Json;
  return (
    Array.isArray(required) &&
    Object.keys(rest).length === 0 &&
    Object.values((properties ?? {}) as Json).every((value) => value === true)
  );
}

/** The marker the form puts on the standard's amount in cents (`$defs.bedragCent`). */
const AMOUNT = 'x-knooppunt-bedrag';

type Json = Record<string, unknown>;

/**
 * The schema as the form shows it: every property titled with its readable name, the English
 * descriptions and defaults left out, amounts marked, yes/no questions starting at "no", and an `anyOf` that
 * only asks for one of several fields (the contact person's telephone number or e-mail
 * address) not shown as a choice. Validation uses the original (`standardValidator`), so the
 * browser applies every rule of the standard.
 */
export function formSchema(schema: JsonSchema): RJSFSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Json = {};
    const source = node as Json;
    // A yes/no starts as no (or as the only value it may have), not as "not answered".
    if (source['type'] === 'boolean' && !('default' in source)) {
      out['default'] = source['const'] ?? false;
    }
    for (const [key, value] of Object.entries(source)) {
      // A schema's default (an address's country) would half fill an optional part nobody
      // chose to fill in (the partner's address); the hub does not apply defaults either.
      if (key === 'description' || key === 'default') continue;
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        out[key] = Object.fromEntries(
          Object.entries(value as Json).map(([name, property]) => {
            const walked = walk(property);
            return [
              name,
              typeof walked === 'object' && walked !== null && !('title' in walked)
                ? { ...(walked as Json), title: readableName(name) }
                : walked,
            ];
          }),
        );
      } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
        // "At least one of these fields" is no choice to show; the validator checks it.
        if (value.every(isRequirementOnly)) continue;
        out[key] = value.map((option) => titledOption(walk(option)));
      } else {
        out[key] = walk(value);
      }
    }
    return out;
  };
  const shown = walk(schema) as Json;
  delete shown['title'];
  const defs = shown['$defs'] as Record<string, Json> | undefined;
  if (defs?.['bedragCent'] !== undefined) {
    defs['bedragCent'] = { ...defs['bedragCent'], [AMOUNT]: true };
  }
  return shown as RJSFSchema;
}

const defaults = getDefaultRegistry().widgets;
const DefaultText = defaults['TextWidget'] as ComponentType<WidgetProps>;
const DefaultSelect = defaults['SelectWidget'] as ComponentType<WidgetProps>;

/** Text and numbers as the default; an amount in cents as a euro field. */
function TextOrAmount(props: WidgetProps) {
  if (props.schema[AMOUNT] !== true) return <DefaultText {...props} />;
  const { id, value, required, disabled, readonly, onChange, onBlur, onFocus } = props;
  return (
    <span className="knooppunt-amount">
      <span aria-hidden="true">€</span>
      <input
        id={id}
        name={id}
        className="form-control"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={euroText(value)}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        aria-describedby={`${id}__error ${id}__help`}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const text = event.target.value;
          onChange(text.trim() === '' ? undefined : (centsOf(text) ?? text));
        }}
        onBlur={(event) => onBlur(id, event.target.value)}
        onFocus={(event) => onFocus(id, event.target.value)}
      />
    </span>
  );
}

/**
 * A choice between schemas (`anyOf`, `oneOf`) titled by what it asks for: the contact person's
 * `anyOf` of a telephone number or an e-mail address offers "Telefoonnummer" or "Email".
 */
function titledOption(option: unknown): unknown {
  if (typeof option !== 'object' || option === null || 'title' in option) return option;
  const required = (option as Json)['required'];
  if (!Array.isArray(required) || required.length === 0) return option;
  const words = required.map((name) => readableName(String(name)).toLowerCase()).join(' en ');
  return { ...(option as Json), title: words.charAt(0).toUpperCase() + words.slice(1) };
}

/** The selector of an `anyOf` or `oneOf`, which rjsf renders without a label of its own. */
const SCHEMA_CHOICE = /__(?:anyof|oneof)_select$/;

/** A choice with its values in readable words (`percentage-te-laag` → "Percentage te laag"). */
function ReadableSelect(props: WidgetProps) {
  const enumOptions = (props.options.enumOptions ?? []).map((option) => ({
    ...option,
    label: typeof option.value === 'string' ? readableName(option.value) : option.label,
  }));
  const select = <DefaultSelect {...props} options={{ ...props.options, enumOptions }} />;
  if (!SCHEMA_CHOICE.test(props.id)) return select;
  return (
    <div className="form-group knooppunt-choice">
      <label className="control-label" htmlFor={props.id}>
        {`${props.label || 'Keuze'}: wat vult u in?`}
      </label>
      {select}
    </div>
  );
}

const WIDGETS = { TextWidget: TextOrAmount, SelectWidget: ReadableSelect };

const DUTCH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Regel',
  [TranslatableString.EmptyArray]: 'Nog geen regels. Voeg er een toe met de knop hieronder.',
  [TranslatableString.YesLabel]: 'Ja',
  [TranslatableString.NoLabel]: 'Nee',
  [TranslatableString.CloseLabel]: 'Sluiten',
  [TranslatableString.ErrorsLabel]: 'Nog niet in orde',
  [TranslatableString.AddButton]: 'Toevoegen',
  [TranslatableString.AddItemButton]: 'Regel toevoegen',
  [TranslatableString.CopyButton]: 'Kopiëren',
  [TranslatableString.MoveDownButton]: 'Omlaag',
  [TranslatableString.MoveUpButton]: 'Omhoog',
  [TranslatableString.RemoveButton]: 'Verwijderen',
  [TranslatableString.OptionalObjectAdd]: 'Invullen',
  [TranslatableString.OptionalObjectRemove]: 'Niet invullen',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Niet ingevuld',
  [TranslatableString.ClearButton]: 'leegmaken',
};

function translate(key: TranslatableString, params?: string[]): string {
  return DUTCH[key] ?? englishStringTranslator(key, params);
}

/** The hub's violations as the form's extra errors, each at the field its pointer names. */
export function errorsAtFields(violations: readonly Violation[], prefix = '/payload'): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const violation of violations) {
    if (!violation.instancePath.startsWith(prefix)) continue;
    const steps = violation.instancePath
      .slice(prefix.length)
      .split('/')
      .filter((step) => step !== '')
      .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
    const missing = violation.params['missingProperty'];
    if (violation.keyword === 'required' && typeof missing === 'string') steps.push(missing);
    let node = root;
    for (const step of steps) node = (node[step] ??= {}) as Record<string, unknown>;
    const list = (node['__errors'] ??= []) as string[];
    list.push(violation.message);
  }
  return root as ErrorSchema;
}

export interface SchemaFormProps {
  readonly schema: JsonSchema;
  readonly formData: Json;
  readonly onChange: (data: Json) => void;
  readonly onSubmit: (data: Json) => void;
  readonly serverErrors?: ErrorSchema;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly idPrefix?: string;
}

/** The form; submits only what validates. */
export function SchemaForm({
  schema,
  formData,
  onChange,
  onSubmit,
  serverErrors,
  submitLabel,
  busy,
  idPrefix = 'bericht',
}: SchemaFormProps) {
  const shown = useMemo(() => formSchema(schema), [schema]);
  const validator = useMemo(() => standardValidator(schema), [schema]);
  return (
    <Form
      schema={shown}
      validator={validator}
      formData={formData}
      idPrefix={idPrefix}
      widgets={WIDGETS}
      translateString={translate}
      showErrorList="top"
      focusOnFirstError
      noHtml5Validate
      omitExtraData
      liveOmit
      // Defaults only where a field is required: an optional object (the partner's address)
      // stays empty rather than half filled by a default such as its country.
      experimental_defaultFormStateBehavior={{
        emptyObjectFields: 'skipEmptyDefaults',
        arrayMinItems: { populate: 'requiredOnly' },
      }}
      {...(serverErrors === undefined ? {} : { extraErrors: serverErrors })}
      onChange={(event: IChangeEvent<Json>) => onChange(event.formData ?? {})}
      onSubmit={(event: IChangeEvent<Json>) => onSubmit((pruneEmpty(event.formData) ?? {}) as Json)}
      disabled={busy}
    >
      <button
        type="submit"
        className="utrecht-button utrecht-button--primary-action"
        disabled={busy}
      >
        {submitLabel}
      </button>
    </Form>
  );
}
