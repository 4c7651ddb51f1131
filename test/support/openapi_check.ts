/**
 * Checks HTTP answers against the hub's OpenAPI document: finds the operation by method and
 * path template, the response by status (an undocumented status throws), the media type by
 * Content-Type, and validates a JSON body against its schema with ajv (JSON Schema 2020-12, as
 * OpenAPI 3.1 uses it). Unknown paths must answer `components.responses.RouteNotFound`, known
 * paths with an unlisted method `MethodNotAllowed`. A server-sent event stream is read as its
 * events, each validated against the media type's schema (one event, as OpenAPI 3.2 and
 * schemathesis read it), and a `data` field with `contentSchema` as the JSON it promises.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module object.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

type Json = Record<string, unknown>;

/** The base URI the document is registered under in ajv. */
const DOCUMENT_ID = 'https://knooppunt.test/openapi.json';

/** One answer to check. */
export interface CheckedResponse {
  readonly method: string;
  /** The request path, without query string. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | undefined;
  /** The raw body text. */
  readonly text: string;
}

interface PathEntry {
  readonly template: string;
  readonly pattern: RegExp;
  readonly item: Json;
}

/** A checker over one OpenAPI document. */
export class OpenApiChecker {
  readonly document: Json;
  readonly #ajv: Ajv2020;
  readonly #paths: readonly PathEntry[];
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    this.document = document;
    // Not strict: OpenAPI keywords (openapi, paths, …) surround the schemas.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    this.#paths = Object.entries(document['paths'] as Record<string, Json>).map(
      ([template, item]) => ({ template, item, pattern: templatePattern(template) }),
    );
  }

  /** Throws when the answer is not what the document promises. */
  check(response: CheckedResponse): void {
    const where = `${response.method} ${response.path} → ${response.status}`;
    const [pointer, definition] = this.#responseFor(response, where);
    const mediaType = (response.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const content = (definition['content'] ?? {}) as Record<string, Json>;
    // A response documented without content (204) has no body and no media type.
    if (definition['content'] === undefined && mediaType === '' && response.text === '') return;
    const media = content[mediaType];
    if (media === undefined) {
      throw new Error(`${where}: Content-Type ${mediaType || '(none)'} is not documented`);
    }
    if (mediaType === 'text/event-stream' && media['schema'] !== undefined) {
      this.#checkEvents(response.text, `${pointer}/content/${escape(mediaType)}/schema`, where);
      return;
    }
    if (!/[/+]json$/.test(mediaType) || media['schema'] === undefined) return;
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      throw new Error(`${where}: the body is not JSON: ${response.text.slice(0, 200)}`);
    }
    const validate = this.#validator(`${pointer}/content/${escape(mediaType)}/schema`);
    if (!validate(body)) {
      throw new Error(
        `${where}: the body does not match the document: ${this.#ajv.errorsText(validate.errors)}\n` +
          JSON.stringify(body, null, 2).slice(0, 2000),
      );
    }
  }

  /** Validates every complete event of a server-sent event stream against `pointer`. */
  #checkEvents(text: string, pointer: string, where: string): void {
    const schema = this.#dereference({ $ref: `#${pointer}` }, pointer)[1];
    const properties = (schema['properties'] ?? {}) as Record<string, Json>;
    for (const event of serverSentEvents(text)) {
      const validate = this.#validator(pointer);
      if (!validate(event)) {
        throw new Error(
          `${where}: an event does not match the document: ${this.#ajv.errorsText(validate.errors)}\n` +
            JSON.stringify(event).slice(0, 2000),
        );
      }
      for (const [name, value] of Object.entries(event)) {
        const content = properties[name]?.['contentSchema'];
        if (content === undefined) continue;
        const validateContent = this.#validator(`${pointer}/properties/${name}/contentSchema`);
        if (!validateContent(JSON.parse(value))) {
          throw new Error(
            `${where}: an event's ${name} does not match the document: ${this.#ajv.errorsText(validateContent.errors)}\n${value.slice(0, 2000)}`,
          );
        }
      }
    }
  }

  /** The JSON pointer and the (dereferenced) response object for an answer. */
  #responseFor(response: CheckedResponse, where: string): [string, Json] {
    const entry = this.#paths.find((candidate) => candidate.pattern.test(response.path));
    if (entry === undefined) return this.#component('RouteNotFound', 404, response, where);
    const operation = entry.item[response.method.toLowerCase()] as Json | undefined;
    if (operation === undefined) return this.#component('MethodNotAllowed', 405, response, where);
    const responses = operation['responses'] as Record<string, Json>;
    const found = responses[String(response.status)];
    if (found === undefined) throw new Error(`${where}: status not documented`);
    const base = `/paths/${escape(entry.template)}/${response.method.toLowerCase()}/responses/${response.status}`;
    return this.#dereference(found, base);
  }

  #component(
    name: string,
    status: number,
    response: CheckedResponse,
    where: string,
  ): [string, Json] {
    if (response.status !== status) throw new Error(`${where}: expected ${status} (${name})`);
    return this.#dereference({ $ref: `#/components/responses/${name}` }, '');
  }

  #dereference(value: Json, pointer: string): [string, Json] {
    const target = value['$ref'];
    if (typeof target !== 'string') return [pointer, value];
    const path = target.replace(/^#/, '');
    const resolved = path
      .split('/')
      .slice(1)
      .reduce<unknown>((node, part) => (node as Json)[unescape(part)], this.document);
    return this.#dereference(resolved as Json, path);
  }

  #validator(pointer: string): ValidateFunction {
    let validate = this.#validators.get(pointer);
    if (validate === undefined) {
      validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}#${encodeURI(pointer)}` });
      this.#validators.set(pointer, validate);
    }
    return validate;
  }
}

/**
 * The complete events of a server-sent event stream (HTML Living Standard §9.2.6), each as its
 * fields (`data` lines joined); comments are skipped, a trailing unfinished event is left out.
 */
export function serverSentEvents(text: string): Record<string, string>[] {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n').slice(0, -1);
  const events: Record<string, string>[] = [];
  for (const block of blocks) {
    const event: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      event[name] =
        name === 'data' && event['data'] !== undefined ? `${event['data']}\n${value}` : value;
    }
    if (Object.keys(event).length > 0) events.push(event);
  }
  return events;
}

/** `/v1/messages/{id}` → a regular expression for concrete paths. */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

/** RFC 6901 escaping of one pointer segment. */
function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescape(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
