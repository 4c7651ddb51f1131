/**
 * What operator accounts and their sessions need from storage, owned here (as the participant
 * store is by src/participants/): the ledger's adapters implement it, so accounts, sessions and
 * the audit events of what operators did live in the ledger's database and chain.
 */
import type { Operator, OperatorSession } from './types.ts';

/** The audit event of an operator's change or action. */
export interface OperatorEvent {
  /** `operator:<name>` for account changes; the acted-on subject for actions. */
  readonly subject: string;
  readonly type: 'operator-changed' | 'operator-action';
  readonly at: string;
  /** The operator who did it (`cli` for the command line). */
  readonly actor: string;
  /** Metadata only: never a password, a payload or a BSN. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** An operator's login state. */
export interface LoginState {
  readonly failedLogins: number;
  readonly lockedUntil?: string;
}

/** Operator accounts, sessions and the audit trail. */
export interface OperatorStore {
  putOperator(operator: Operator): Promise<void>;
  getOperator(name: string): Promise<Operator | undefined>;
  listOperators(): Promise<Operator[]>;
  /** True when there was one to delete. */
  deleteOperator(name: string): Promise<boolean>;
  /**
   * Sets an existing operator's failed logins and lock (removed when absent), only while its
   * password hash is still `passwordHash`: a login's late write never brings back a removed
   * operator or an old password. True when it applied.
   */
  updateLoginState(name: string, passwordHash: string, state: LoginState): Promise<boolean>;
  putSession(session: OperatorSession): Promise<void>;
  getSession(id: string): Promise<OperatorSession | undefined>;
  deleteSession(id: string): Promise<void>;
  /** Ends every session of an operator (removed, password or role changed). */
  deleteSessionsOf(operator: string): Promise<void>;
  /** Records the event in the ledger's chain. */
  appendEvent(event: OperatorEvent): Promise<unknown>;
}
