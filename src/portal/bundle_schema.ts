/**
 * One self-contained JSON Schema for the browser: a message schema with every definition it
 * references from other documents (the standard's `defs`) copied into its own `$defs`, and each
 * reference rewritten to the local `#/$defs/<name>`. The portal's reader and its form generator
 * then need no second request and no resolver. JSON Schema 2020-12 §8.2.4 (`$defs`) and §8.2.3.1
 * (`$ref` resolved against the base URI): the copied definitions lose their own `$id` base, so
 * their document-local references (`#/$defs/datum` inside `defs`) are rewritten as well.
 *
 * Pure: the documents come in through `lookup`, nothing is read or changed here.
 */

/** A JSON Schema document or subschema. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** Finds a whole schema document by its `$id` (without fragment); undefined when unknown. */
export type SchemaLookup = (id: string) => JsonSchema | undefined;

const DEFS_POINTER = /^\/\$defs\/([^/]+)$/;

/**
 * Bundles `root` (which must have an absolute `$id`): every `$ref` to another document's
 * `#/$defs/<name>` or to a whole document becomes a local `#/$defs/<name>`, and what it names
 * is copied in, recursively. A name taken twice gets the other document's last path segment
 * in front (`defs-datum`).
 *
 * @throws Error for a reference to an unknown document, or to a part that is not a `$defs` entry
 */
export function bundleSchema(root: JsonSchema, lookup: SchemaLookup): JsonSchema {
  const rootId = root['$id'];
  if (typeof rootId !== 'string') throw new Error('the schema to bundle has no $id');
  const bundler = new Bundler(rootId, lookup);
  const own = (root['$defs'] ?? {}) as Record<string, JsonSchema>;
  for (const name of Object.keys(own)) bundler.reserve(`${rootId}#/$defs/${name}`, name);
  const body = bundler.rewrite(root, rootId) as Record<string, unknown>;
  const defs = { ...(body['$defs'] as Record<string, unknown> | undefined), ...bundler.copied() };
  return Object.keys(defs).length === 0 ? body : { ...body, $defs: defs };
}

class Bundler {
  /** Local name by absolute target (`<document>#/$defs/<name>` or `<document>`). */
  readonly #names = new Map<string, string>();
  readonly #taken = new Set<string>();
  readonly #defs = new Map<string, unknown>();

  constructor(
    readonly rootId: string,
    readonly lookup: SchemaLookup,
  ) {}

  reserve(target: string, name: string): void {
    this.#names.set(target, name);
    this.#taken.add(name);
  }

  copied(): Record<string, unknown> {
    return Object.fromEntries(this.#defs);
  }

  /** A copy of `node` with its references made local; `base` is the document it came from. */
  rewrite(node: unknown, base: string): unknown {
    if (Array.isArray(node)) return node.map((item) => this.rewrite(item, base));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out[key] = this.#local(value, base);
      else if (key === '$id' && base !== this.rootId)
        continue; // a copied document's base
      else if (key === '$schema' && base !== this.rootId) continue;
      else if (key === '$defs' && base !== this.rootId)
        continue; // copied one by one instead
      else out[key] = this.rewrite(value, base);
    }
    return out;
  }

  /** The local reference for `ref` (relative to `base`), copying its target in when new. */
  #local(ref: string, base: string): string {
    const url = new URL(ref, base);
    const hash = url.hash;
    const fragment = decodeURIComponent(hash.slice(1));
    url.hash = '';
    const document = url.href;
    if (document === this.rootId) return hash === '' ? '#' : hash;
    const target = fragment === '' ? document : `${document}#${fragment}`;
    const known = this.#names.get(target);
    if (known !== undefined) return `#/$defs/${known}`;
    const source = this.lookup(document);
    if (source === undefined) throw new Error(`$ref ${ref}: no schema ${document}`);
    const match = DEFS_POINTER.exec(fragment);
    if (fragment !== '' && match === null) {
      throw new Error(`$ref ${ref}: only whole documents and $defs entries can be bundled`);
    }
    const wanted = match?.[1] ?? lastSegment(document);
    const subschema =
      match === null ? source : (source['$defs'] as JsonSchema | undefined)?.[wanted];
    if (subschema === undefined) throw new Error(`$ref ${ref}: ${document} has no ${fragment}`);
    const name = this.#taken.has(wanted) ? `${lastSegment(document)}-${wanted}` : wanted;
    if (this.#taken.has(name)) throw new Error(`$ref ${ref}: $defs name ${name} is taken twice`);
    this.reserve(target, name);
    this.#defs.set(name, undefined); // keeps the order of first use; a cycle finds the name
    this.#defs.set(name, this.rewrite(subschema, document));
    return `#/$defs/${name}`;
  }
}

/** `https://schemas.knooppunt.nl/defs/2.0` → `defs` (the segment before a version). */
function lastSegment(document: string): string {
  const parts = new URL(document).pathname.split('/').filter((part) => part !== '');
  const named = parts.filter((part) => !/^[0-9.]+$/.test(part));
  return named.at(-1) ?? 'schema';
}
