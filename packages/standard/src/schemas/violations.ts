/**
 * Turns ajv's error objects into the `SchemaViolation`s a `SchemaError` carries: the same
 * JSON pointers, keyword and parameters ajv reports (the *cloudevents* way), re-rooted when
 * a payload is validated as part of a whole message, plus a one-line summary for the message.
 */
import type { ErrorObject } from 'ajv';
import type { SchemaViolation } from '../errors.ts';

/**
 * Maps ajv's errors to frozen violations.
 *
 * @param errors - the `errors` of a compiled validator after it returned false
 * @param prefix - JSON pointer to prepend to every `instancePath`, e.g. `/payload`
 * @returns one violation per ajv error, in ajv's order
 */
export function toViolations(
  errors: readonly ErrorObject[] | null | undefined,
  prefix = '',
): readonly SchemaViolation[] {
  return Object.freeze(
    (errors ?? []).map((error) =>
      Object.freeze({
        instancePath: prefix + error.instancePath,
        schemaPath: error.schemaPath,
        keyword: error.keyword,
        params: Object.freeze({ ...error.params }),
        message: error.message ?? error.keyword,
      }),
    ),
  );
}

/**
 * One line for an error message: the first violation and how many more there are.
 *
 * @param violations - the violations to summarise (non-empty)
 */
export function summarise(violations: readonly SchemaViolation[]): string {
  const [first] = violations;
  if (first === undefined) return 'no violations';
  const where = first.instancePath === '' ? '(root)' : first.instancePath;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
  return `${where} ${first.message}${more}`;
}
