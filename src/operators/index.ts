/** Operators of the hub: accounts, passwords, sessions, and the store they need. */
export * from './types.ts';
export * from './store.ts';
export * from './accounts.ts';
export * from './sessions.ts';
