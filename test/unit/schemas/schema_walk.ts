/**
 * Test helpers: walk a JSON Schema document and report every subschema with its JSON pointer,
 * whether it sits inside a condition (`if`/`then`/`else`/`not`/`allOf`/`anyOf`/`oneOf`), and
 * the nearest declaring object schema above it, so rules about declarations can be checked.
 */

/** A JSON Schema node as parsed from a file. */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** One subschema met on the walk. */
export interface Visit {
  /** The subschema. */
  readonly node: SchemaNode;
  /** JSON pointer of the subschema in its document, e.g. `#/properties/schuldenaar`. */
  readonly pointer: string;
  /** True inside a condition: it constrains properties declared elsewhere. */
  readonly inCondition: boolean;
  /** The nearest enclosing schema (not in a condition) that declares `properties`. */
  readonly owner: SchemaNode | undefined;
}

const MAP_KEYWORDS = ['properties', '$defs', 'dependentSchemas'] as const;
const SINGLE_KEYWORDS = ['items', 'additionalProperties', 'unevaluatedProperties'] as const;
const CONDITION_SINGLE = ['if', 'then', 'else', 'not'] as const;
const CONDITION_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * Every subschema of `schema` (the root included), depth first.
 *
 * @param schema - a parsed schema document
 */
export function walkSchema(schema: SchemaNode): Visit[] {
  const visits: Visit[] = [];
  visit(schema, '#', false, undefined, visits);
  return visits;
}

function visit(
  node: unknown,
  pointer: string,
  inCondition: boolean,
  owner: SchemaNode | undefined,
  out: Visit[],
): void {
  if (!isNode(node)) return;
  out.push({ node, pointer, inCondition, owner });
  const nextOwner = !inCondition && isNode(node.properties) ? node : owner;
  for (const keyword of MAP_KEYWORDS) {
    const children = node[keyword];
    if (!isNode(children)) continue;
    for (const [name, child] of Object.entries(children)) {
      const ownerOfChild = keyword === '$defs' ? undefined : nextOwner;
      visit(child, `${pointer}/${keyword}/${name}`, inCondition, ownerOfChild, out);
    }
  }
  for (const keyword of SINGLE_KEYWORDS) {
    visit(node[keyword], `${pointer}/${keyword}`, inCondition, nextOwner, out);
  }
  for (const keyword of CONDITION_SINGLE) {
    visit(node[keyword], `${pointer}/${keyword}`, true, nextOwner, out);
  }
  for (const keyword of CONDITION_LISTS) {
    const list = node[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((child, i) => visit(child, `${pointer}/${keyword}/${i}`, true, nextOwner, out));
  }
}

function isNode(value: unknown): value is SchemaNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
