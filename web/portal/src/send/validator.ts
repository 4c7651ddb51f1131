/**
 * The forms' validator: the standard's own schema, checked in the browser by an interpreting
 * JSON Schema 2020-12 validator (@cfworker/json-schema). Ajv compiles schemas to code with
 * `new Function`, which the portal's Content-Security-Policy (`script-src 'self'`, no
 * `unsafe-eval`) rightly forbids. The standard's own formats (`oin`, `bsn`, `iban`) are the
 * hub's functions, and every rule is checked on the original schema, so the browser refuses
 * what the hub would; the messages are plain Dutch, at the field they are about.
 */
import { format, Validator } from '@cfworker/json-schema';
import type { OutputUnit, Schema } from '@cfworker/json-schema';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
} from '@rjsf/utils';
import type {
  CustomValidator,
  ErrorTransformer,
  RJSFSchema,
  RJSFValidationError,
  UiSchema,
  ValidationData,
  ValidatorType,
} from '@rjsf/utils';
import {
  isValidBsn,
  isValidIban,
  isValidOin,
} from '../../../../packages/standard/src/schemas/formats.ts';
import { readableName } from '../../../shared/format.ts';
import type { JsonSchema } from '../api_types.ts';

type Json = Record<string, unknown>;

format['oin'] = isValidOin;
format['bsn'] = isValidBsn;
format['iban'] = isValidIban;

/** What a failing keyword says, in Dutch; the keywords that only pass on a child's failure say nothing. */
const QUIET = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  'if',
  'additionalProperties',
  'unevaluatedProperties',
  'dependentSchemas',
  'contains',
]);

const FORMAT_NL: Readonly<Record<string, string>> = {
  date: 'vul een datum in',
  'date-time': 'vul een datum en tijd in',
  email: 'vul een geldig e-mailadres in',
  uuid: 'vul een geldig berichtnummer (UUID) in',
  iban: 'dit is geen geldig IBAN (controleer het rekeningnummer)',
  bsn: 'dit is geen geldig BSN',
  oin: 'dit is geen geldig OIN (20 cijfers)',
};

const TYPE_NL: Readonly<Record<string, string>> = {
  integer: 'vul een heel getal in',
  number: 'vul een getal in',
  string: 'vul tekst in',
  boolean: 'kies ja of nee',
  object: 'vul dit onderdeel in',
  array: 'vul een lijst in',
};

/** The schema a keyword location (`#/properties/a/$ref/anyOf`) points at, following `$ref`s. */
function schemaAt(root: Json, location: string): unknown {
  let node: unknown = root;
  for (const raw of location
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')) {
    const step = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (step === '$ref') {
      const ref = (node as Json)['$ref'];
      node = typeof ref === 'string' ? schemaAt(root, ref) : undefined;
    } else {
      node = (node as Json | undefined)?.[step];
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** A branch of an `anyOf` that only asks for fields (the contact person's phone or e-mail). */
function requiredOnly(branch: unknown): readonly string[] | undefined {
  const required = (branch as Json | undefined)?.['required'];
  return Array.isArray(required) ? (required as string[]) : undefined;
}

/** The Dutch message of one failed keyword, or undefined when a child's message says it. */
function messageOf(unit: OutputUnit, root: Json): string | undefined {
  const numbers = unit.error.match(/-?\d+(?:\.\d+)?/g) ?? [];
  const limit = numbers[numbers.length - 1];
  switch (unit.keyword) {
    case 'required':
      return 'dit is verplicht';
    case 'type': {
      const expected = /Expected "([^"]+)"/.exec(unit.error)?.[1] ?? '';
      return TYPE_NL[expected] ?? 'dit heeft niet het juiste soort waarde';
    }
    case 'format': {
      const name = /format "([^"]+)"/.exec(unit.error)?.[1] ?? '';
      return FORMAT_NL[name] ?? 'dit heeft niet de juiste vorm';
    }
    case 'pattern':
      return 'dit heeft niet de juiste vorm';
    case 'minLength':
      return `dit is te kort (ten minste ${limit} tekens)`;
    case 'maxLength':
      return `dit is te lang (hoogstens ${limit} tekens)`;
    case 'minimum':
    case 'exclusiveMinimum':
      return 'dit is te laag';
    case 'maximum':
    case 'exclusiveMaximum':
      return 'dit is te hoog';
    case 'multipleOf':
      return 'dit is geen toegestane waarde';
    case 'enum':
    case 'const':
      return 'dit is hier geen toegestane keuze';
    case 'false':
      return 'dit mag hier niet worden ingevuld';
    case 'minItems':
      return `er zijn te weinig regels (ten minste ${limit})`;
    case 'maxItems':
      return `er zijn te veel regels (hoogstens ${limit})`;
    case 'uniqueItems':
      return 'twee regels zijn gelijk';
    case 'anyOf':
    case 'oneOf': {
      const branches = schemaAt(root, unit.keywordLocation);
      const names = Array.isArray(branches) ? branches.map(requiredOnly) : [];
      if (names.length > 0 && names.every((n) => n !== undefined)) {
        const words = names.flat().map((name) => readableName(name as string).toLowerCase());
        return `vul ten minste één in: ${words.join(' of ')}`;
      }
      return 'dit past bij geen van de mogelijkheden';
    }
    case 'not':
      return 'dit is hier niet toegestaan';
    default:
      return QUIET.has(unit.keyword) ? undefined : 'dit is niet in orde';
  }
}

/**
 * The data as JSON sends it: a form holds `undefined` for a cleared field, which JSON (and the
 * validator) does not know; it means the field is absent.
 */
function asJson(data: unknown): unknown {
  return data === undefined ? null : (JSON.parse(JSON.stringify(data)) as unknown);
}

/**
 * The data as a person meant it: an optional part left empty (the partner nobody filled in, an
 * address started and cleared, a list with only empty lines) is absent, not an empty object
 * with missing fields. A list with content keeps its places.
 */
export function pruneEmpty(data: unknown): unknown {
  if (Array.isArray(data)) {
    const items = data.map(pruneEmpty);
    return items.every((item) => item === undefined) ? undefined : items.map((item) => item ?? {});
  }
  if (typeof data !== 'object' || data === null) return data === '' ? undefined : data;
  const kept = Object.entries(data as Json)
    .map(([key, value]) => [key, pruneEmpty(value)] as const)
    .filter(([, value]) => value !== undefined);
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** `#/vorderingen/0` → `.vorderingen.0` (rjsf's property path). */
function propertyOf(location: string): string {
  return location
    .replace(/^#/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => `.${s}`)
    .join('');
}

/** The errors of `data` under `schema`, one per failing rule, at the field each is about. */
export function formErrors(schema: JsonSchema, data: unknown): RJSFValidationError[] {
  const result = validatorOf(schema).validate(asJson(pruneEmpty(data) ?? {}));
  if (result.valid) return [];
  const seen = new Set<string>();
  const errors: RJSFValidationError[] = [];
  for (const unit of result.errors) {
    const message = messageOf(unit, schema as Json);
    if (message === undefined) continue;
    let property = propertyOf(unit.instanceLocation);
    if (unit.keyword === 'required') {
      const missing = /property "([^"]+)"/.exec(unit.error)?.[1];
      if (missing !== undefined) property = `${property}.${missing}`;
    }
    const key = `${property}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = readableName(property.split('.').pop() || 'formulier');
    errors.push({
      name: unit.keyword,
      property,
      message,
      params: {},
      stack: `${label}: ${message}`,
      schemaPath: unit.keywordLocation,
      title: label,
    });
  }
  return errors;
}

const validators = new WeakMap<object, Validator>();

function validatorOf(schema: JsonSchema): Validator {
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = new Validator(schema as Schema, '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

/**
 * rjsf's validator for a form whose shown schema derives from `original`: the form's errors
 * come from the original (every rule of the standard); rjsf's own questions about parts of the
 * shown schema (which `if` branch holds, which `anyOf` option matches) are answered on it.
 */
export function standardValidator(original: JsonSchema): ValidatorType<Json, RJSFSchema> {
  const partial = new WeakMap<object, Validator>();
  const validator: ValidatorType<Json, RJSFSchema> = {
    validateFormData(
      formData: Json | undefined,
      schema: RJSFSchema,
      customValidate?: CustomValidator<Json, RJSFSchema>,
      transformErrors?: ErrorTransformer<Json, RJSFSchema>,
      uiSchema?: UiSchema<Json, RJSFSchema>,
    ): ValidationData<Json> {
      let errors = formErrors(original, formData);
      if (transformErrors !== undefined) errors = transformErrors(errors, uiSchema);
      const errorSchema = toErrorSchema<Json>(errors);
      if (customValidate === undefined) return { errors, errorSchema };
      const withUndefined = getDefaultFormState(validator, schema, formData, schema, true) as Json;
      const handler = customValidate(
        withUndefined,
        createErrorHandler(withUndefined),
        uiSchema,
        errorSchema,
      );
      return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
    },
    isValid(schema: RJSFSchema, formData: Json | undefined, rootSchema: RJSFSchema): boolean {
      let part = partial.get(schema);
      if (part === undefined) {
        const { $id: _id, ...anonymous } = schema as Json;
        part = new Validator(
          { ...anonymous, $defs: (rootSchema as Json)['$defs'] } as Schema,
          '2020-12',
          true,
        );
        partial.set(schema, part);
      }
      return part.validate(asJson(formData)).valid;
    },
    rawValidation<Result = unknown>(schema: RJSFSchema, formData?: Json) {
      const result = new Validator(schema as Schema, '2020-12', false).validate(asJson(formData));
      return { errors: result.errors as unknown as Result[] };
    },
  };
  return validator;
}
