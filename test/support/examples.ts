/** Example payloads for tests: the standard's own valid examples (src/schemas/examples.ts). */
export { examplePayload } from '@knooppunt/standard';
