/**
 * Knooppunt, the hub as a library: build and run a hub from its configuration, or a throw-away
 * one for tests and demos — and, so that one import does, the message standard
 * (@knooppunt/standard) and the SDK (@knooppunt/sdk) the hub is built on. Everything by name.
 */
export * from '@knooppunt/standard';
export * from '@knooppunt/sdk';
export { loadConfig } from './config.ts';
export type { HubConfig } from './config.ts';
export { createHub } from './hub/hub.ts';
export type { Hub, HubOptions } from './hub/hub.ts';
export { startThrowawayHub } from './hub/throwaway_hub.ts';
export type { ThrowawayHub, ThrowawayHubOptions } from './hub/throwaway_hub.ts';
