/**
 * Test helpers: the example documents under `schemas/examples/`, one folder per schema
 * (`<type>-<version>`, `envelope`, `message`), each file `valid-<name>.json` (the document
 * itself) or `invalid-<name>.json` (`{ description, expect: { instancePath, keyword }, payload }`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The examples directory of the repository. */
export const EXAMPLES_DIR = fileURLToPath(
  new URL('../../../packages/standard/schemas/examples/', import.meta.url),
);

/** What an invalid example must produce: a violation at this pointer by this keyword. */
export interface ExpectedViolation {
  readonly instancePath: string;
  readonly keyword: string;
}

/** One example file. */
export type Example =
  | { readonly kind: 'valid'; readonly file: string; readonly document: unknown }
  | {
      readonly kind: 'invalid';
      readonly file: string;
      readonly description: string;
      readonly expect: ExpectedViolation;
      readonly document: unknown;
    };

/** One folder of examples and the schema it exercises. */
export interface ExampleFolder {
  readonly folder: string;
  /** `envelope`, `message`, or a message type with its version. */
  readonly target:
    | { readonly kind: 'envelope' }
    | { readonly kind: 'message' }
    | { readonly kind: 'payload'; readonly messageType: string; readonly version: string };
  readonly examples: readonly Example[];
}

const TYPE_FOLDER = /^([a-z][a-z-]*)-([0-9]+\.[0-9]+)$/;

/** Every example folder, sorted, with its parsed files. */
export function readExampleFolders(): ExampleFolder[] {
  return sortedNames(EXAMPLES_DIR).map((folder) => ({
    folder,
    target: targetOf(folder),
    examples: sortedNames(`${EXAMPLES_DIR}${folder}`).map((file) =>
      parseExample(file, readFileSync(`${EXAMPLES_DIR}${folder}/${file}`, 'utf8')),
    ),
  }));
}

function targetOf(folder: string): ExampleFolder['target'] {
  if (folder === 'envelope' || folder === 'message') return { kind: folder };
  const match = TYPE_FOLDER.exec(folder);
  if (match === null) throw new Error(`example folder ${folder} is not <type>-<version>`);
  return { kind: 'payload', messageType: match[1] ?? '', version: match[2] ?? '' };
}

function parseExample(file: string, text: string): Example {
  const json: unknown = JSON.parse(text);
  if (file.startsWith('valid-')) return { kind: 'valid', file, document: json };
  if (!file.startsWith('invalid-'))
    throw new Error(`example ${file} is neither valid- nor invalid-`);
  const { description, expect, payload } = json as {
    description: string;
    expect: ExpectedViolation;
    payload: unknown;
  };
  return { kind: 'invalid', file, description, expect, document: payload };
}

function sortedNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
