/**
 * The schema registry: one strict Ajv 2020-12 instance that loads every schema of the
 * standard once, compiles each once at creation, and validates envelopes, wire messages and
 * payloads with the compiled functions (no compilation on the hot path). Failures become
 * `SchemaError`s that keep ajv's errors as `SchemaViolation`s, so the pipeline, the REST
 * problem details and the CLI all report the same JSON pointers.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { SchemaError } from '../errors.ts';
import { isValidBsn, isValidIban, isValidOin } from './formats.ts';
import {
  ENVELOPE_SCHEMA_ID,
  MESSAGE_SCHEMA_ID,
  describeSchemaFile,
  frozenCopy,
  readSchemaFiles,
} from './schema_files.ts';
import type {
  Envelope,
  Message,
  MessageSchemaInfo,
  Payload,
  SchemaDocument,
  SchemaRegistry,
  SchemaRegistryOptions,
} from './types.ts';
import { summarise, toViolations } from './violations.ts';

/** The repository's `schemas/`, found from this file so any working directory works. */
const DEFAULT_SCHEMA_DIR = new URL('../../schemas/', import.meta.url);

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

interface WireMessage {
  readonly envelope: Envelope;
  readonly payload: Payload;
  readonly signature: string;
}

/**
 * Creates a registry over the schema files in `options.schemaDir`: reads them synchronously,
 * adds them to one Ajv instance (`strict: true`, `allErrors: true`, formats `date`,
 * `date-time`, `email`, `uuid`, `oin`, `bsn`, `iban`) and compiles every one.
 *
 * @throws Error when a file is unreadable, misnamed, or does not compile in strict mode
 */
export function createSchemaRegistry(options: SchemaRegistryOptions = {}): SchemaRegistry {
  const files = readSchemaFiles(options.schemaDir ?? DEFAULT_SCHEMA_DIR);
  // Two compilations of every schema: one that stops at the first violation (every message
  // takes it; linear in the input), and one that lists every violation, run only on a refused
  // document and on a bounded copy of it (`bounded`): Ajv's every-error mode grows with the
  // square of the number of violations (30,000 invalid claim lines took 23 s).
  const ajv = createAjv(false);
  const detailedAjv = createAjv(true);
  const documents = new Map<string, SchemaDocument>();
  const infos: MessageSchemaInfo[] = [];
  for (const file of files) {
    const kind = describeSchemaFile(file);
    try {
      ajv.addSchema(file.schema);
      detailedAjv.addSchema(file.schema);
    } catch (cause) {
      throw new Error(`schema file ${file.path} cannot be added: ${String(cause)}`, { cause });
    }
    documents.set(kind.$id, frozenCopy(file.schema));
    if (kind.kind === 'message') {
      const { $id, messageType, version, title, description } = kind;
      infos.push(Object.freeze({ messageType, version, $id, title, description }));
    }
  }
  // Compile everything now: strict-mode mistakes surface at start-up, and no call compiles.
  const compiled = new Map<string, Validators>();
  for (const [$id] of documents) {
    compiled.set($id, { first: compileOrThrow(ajv, $id), every: compileOrThrow(detailedAjv, $id) });
  }
  const payloadValidators = new Map(
    infos.map((info) => [
      key(info.messageType, info.version),
      requireValidator(compiled, info.$id),
    ]),
  );
  const envelopeValidator = requireValidator(compiled, ENVELOPE_SCHEMA_ID);
  const messageValidator = requireValidator(compiled, MESSAGE_SCHEMA_ID);
  const listing = Object.freeze(infos.sort(byTypeThenVersion));

  function checkPayload(type: string, version: string, value: unknown, prefix: string): void {
    const validate = payloadValidators.get(key(type, version));
    if (validate === undefined) {
      throw new SchemaError(
        'SCHEMA_UNKNOWN_TYPE',
        `no schema for message type ${type} version ${version}`,
        [],
      );
    }
    if (!validate.first(value))
      throw invalid(`payload of ${type} ${version}`, validate, value, prefix);
  }

  return Object.freeze({
    validateEnvelope(value: unknown): Envelope {
      if (!envelopeValidator.first(value)) throw invalid('envelope', envelopeValidator, value);
      return Object.freeze({ ...(value as Envelope) });
    },
    validateMessage(value: unknown): Message {
      if (!messageValidator.first(value)) throw invalid('message', messageValidator, value);
      const wire = value as WireMessage;
      checkPayload(wire.envelope.messageType, wire.envelope.version, wire.payload, '/payload');
      const envelope = Object.freeze({ ...wire.envelope });
      return Object.freeze({ envelope, payload: wire.payload, signature: wire.signature });
    },
    validatePayload(messageType: string, version: string, value: unknown): Payload {
      checkPayload(messageType, version, value, '');
      return value as Payload;
    },
    has(messageType: string, version: string): boolean {
      return payloadValidators.has(key(messageType, version));
    },
    listMessageSchemas(): readonly MessageSchemaInfo[] {
      return listing;
    },
    getSchema($id: string): SchemaDocument | undefined {
      return documents.get($id);
    },
  });
}

/** A schema compiled twice: to decide, and to list every violation of a refused document. */
interface Validators {
  readonly first: ValidateFunction;
  readonly every: ValidateFunction;
}

function createAjv(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors });
  addFormats(ajv, ['date', 'date-time', 'email', 'uuid']);
  ajv.addFormat('oin', { type: 'string', validate: isValidOin });
  ajv.addFormat('bsn', { type: 'string', validate: isValidBsn });
  ajv.addFormat('iban', { type: 'string', validate: isValidIban });
  return ajv;
}

function compileOrThrow(ajv: Ajv2020, $id: string): ValidateFunction {
  try {
    const validate = ajv.getSchema($id);
    if (validate === undefined) throw new Error('not found after adding');
    return validate;
  } catch (cause) {
    throw new Error(`schema ${$id} does not compile: ${String(cause)}`, { cause });
  }
}

function requireValidator(compiled: Map<string, Validators>, $id: string): Validators {
  const validate = compiled.get($id);
  if (validate === undefined) throw new Error(`schema directory has no schema ${$id}`);
  return validate;
}

/**
 * Every list of the standard allows at most 100 entries: a refused document is judged with its
 * lists cut to one entry more than that, so the listing of its violations is bounded however
 * long a list it sent (the cut list still breaks its `maxItems`, so it is still refused).
 */
export const LIST_JUDGED_UP_TO = 101;

/** A copy of `value` with every array cut to `LIST_JUDGED_UP_TO` entries (depth is bounded by the reader). */
function bounded(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, LIST_JUDGED_UP_TO).map(bounded);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, bounded(item)]));
}

function invalid(what: string, validate: Validators, value: unknown, prefix = ''): SchemaError {
  const every = validate.every(bounded(value));
  // A refusal the listing does not repeat would be a bug of the cut; keep the first's reason.
  const errors = every ? validate.first.errors : validate.every.errors;
  const violations = toViolations(errors, prefix);
  return new SchemaError(
    'SCHEMA_INVALID',
    `${what} is invalid: ${summarise(violations)}`,
    violations,
  );
}

function key(messageType: string, version: string): string {
  return `${messageType}@${version}`;
}

function byTypeThenVersion(a: MessageSchemaInfo, b: MessageSchemaInfo): number {
  return (
    a.messageType.localeCompare(b.messageType) ||
    a.version.localeCompare(b.version, 'en', { numeric: true })
  );
}
