/** Example payloads for tests: the standard's own valid examples (@knooppunt/standard, packages/standard/src/schemas/examples.ts). */
export { examplePayload } from '@knooppunt/standard';
