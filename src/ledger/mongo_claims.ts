/**
 * One-time claims on MongoDB (the ClaimStore of the port), in one `claims` collection, with
 * nothing but single-document writes whose outcome does not depend on a condition being
 * evaluated atomically — FerretDB 1.x evaluates the filter of an update or delete on one read
 * and then writes by `_id`, so two conditional writers can both believe they won. Only a unique
 * `_id` insert decides, there and on a MongoDB replica set alike:
 *
 * - a claim is the document `claim:<key>`; the first insert of it wins;
 * - an expired claim is *retired* before anyone replaces or deletes it: the insert of
 *   `retired:<until>|<key>` names that one claim (its `until` grows with every claim of the
 *   key, so the name is never reused while it matters), and only the process whose insert
 *   succeeded may replace (a retaker) or delete (the sweep) it. Everybody else reads again;
 * - retirements are forgotten an hour after the claim they retired expired, long after any
 *   process that read that claim has acted on it.
 *
 * A claim costs one insert. Reads and writes name documents by `_id` alone (on FerretDB the
 * only filter answered from an index), except the sweep's scans and the rare replacement of an
 * expired claim.
 */
import type { Collection, Document } from 'mongodb';
import { MongoServerError } from 'mongodb';

/** A stored claim or retirement. */
type ClaimDoc = { _id: string; kind: 'claim' | 'retired'; until: string } & Document;

/** How long a retirement is kept after the claim it retired expired. */
const RETIREMENT_KEPT_MS = 60 * 60 * 1000;
/** Rounds of insert, read and retire before a claimant that keeps losing answers false. */
const ATTEMPTS = 5;

/** MongoDB's duplicate key error: the unique index (here `_id`) decided against this write. */
const DUPLICATE_KEY = 11000;
export const isDuplicate = (error: unknown): boolean =>
  error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/** The `_id` of a key's claim. */
export const claimId = (key: string): string => `claim:${key}`;
/** The `_id` of the retirement of the claim of `key` that lived until `until`. */
export const retirementId = (key: string, until: string): string => `retired:${until}|${key}`;

/** The claims of one database. */
export class MongoClaims {
  readonly #claims: Collection<ClaimDoc>;

  constructor(collection: Collection<ClaimDoc>) {
    this.#claims = collection;
  }

  /** ClaimStore.claimOnce. */
  async claimOnce(key: string, now: string, until: string): Promise<boolean> {
    const _id = claimId(key);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      if (await this.#insert({ _id, kind: 'claim', until })) return true;
      const current = await this.#claims.findOne({ _id });
      if (current === null) continue; // swept since the insert: insert again
      if (current.until > now) return false; // a live claim
      if (!(await this.#retire(key, current.until))) continue; // another retires it: look again
      const replaced = await this.#claims.replaceOne(
        { _id, until: current.until },
        { kind: 'claim', until },
      );
      if (replaced.matchedCount === 1) return true;
    }
    // Still losing to others that retire or take it at this moment: one of them has it.
    return false;
  }

  /** ClaimStore.sweepClaims: retires and deletes expired claims, then old retirements. */
  async sweepClaims(now: string, limit: number): Promise<number> {
    const expired = await this.#claims
      .find({ kind: 'claim', until: { $lte: now } })
      .limit(limit)
      .toArray();
    const retired: string[] = [];
    for (const claim of expired) {
      const key = claim._id.slice(claimId('').length);
      // A claim a retaker or another sweep retired is theirs to replace or delete.
      if (await this.#retire(key, claim.until)) retired.push(claim._id);
    }
    // Only this process may touch what it retired, so `_id` alone names them (one scan at most).
    const { deletedCount } =
      retired.length === 0
        ? { deletedCount: 0 }
        : await this.#claims.deleteMany({ _id: { $in: retired } });
    const forgetBefore = new Date(Date.parse(now) - RETIREMENT_KEPT_MS).toISOString();
    await this.#claims.deleteMany({ kind: 'retired', until: { $lte: forgetBefore } });
    return deletedCount;
  }

  /** Retires the claim of `key` that lived until `until`; true for the one process that did. */
  #retire(key: string, until: string): Promise<boolean> {
    return this.#insert({ _id: retirementId(key, until), kind: 'retired', until });
  }

  /** Inserts `doc`; false when its `_id` exists. */
  async #insert(doc: ClaimDoc): Promise<boolean> {
    try {
      await this.#claims.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }
}
