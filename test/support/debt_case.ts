/** The debt case of the end-to-end tests is the demo's (src/demo/debt_case.ts). */
export * from '../../src/demo/debt_case.ts';
