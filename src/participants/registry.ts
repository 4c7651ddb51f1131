/**
 * The participant registry: who is connected, in which capacity, with which certificates.
 * Stored in the ledger database; read through a short-lived cache so the hot path does not
 * query the store per message. A change made through this registry is visible at once in this
 * process and within `cacheTtlMs` in every other hub process (docs/operations.md).
 */
import { X509Certificate } from 'node:crypto';
import {
  AuthorisationError,
  canonicalJson,
  inspectCertificate,
  isValidOinSyntax,
  participantKindSpec,
  standardVersions,
  systemClock,
  THUMBPRINT,
  UsageError,
} from '@knooppunt/standard';
import type {
  CertificateRecord,
  CertificateResolver,
  Clock,
  Module,
  ParticipantKind,
} from '@knooppunt/standard';
import { checkParticipant, participantSubject, PARTICIPANT_CHANGED, recordOf } from './history.ts';
import type { HistoryCheck } from './history.ts';
import type { ParticipantStore } from './store.ts';
import { acceptedVersionsOf, checkAcceptedVersions, UNDECLARED_VERSIONS } from './versions.ts';
import {
  checkSignalVersions,
  checkVroegsignalering,
  municipalityServing,
} from './vroegsignalering.ts';
import type { VroegsignaleringInput } from './vroegsignalering.ts';
import type {
  DirectoryEntry,
  Participant,
  ParticipantCertificate,
  TransportPreference,
} from './types.ts';

/** The longest overlap of a certificate rotation. */
export const MAX_OVERLAP_DAYS = 90;

/**
 * What `add` needs to register a participant (with `postcodegebieden` / `vasteLasten` for
 * vroegsignalering: absent keeps what the record has, an empty list clears it).
 */
export interface NewParticipant extends VroegsignaleringInput {
  readonly oin: string;
  readonly name: string;
  readonly kind: ParticipantKind;
  /** @defaultValue every module the kind allows */
  readonly modules?: readonly Module[];
  readonly publicBody?: boolean;
  readonly preferent?: boolean;
  /** @defaultValue `rest` */
  readonly transport?: TransportPreference;
  /**
   * The versions of the standard it takes delivery of. @defaultValue for a new participant
   * every version the hub offers; for an existing one what it took before (versions.ts)
   */
  readonly acceptedVersions?: readonly string[];
  readonly certificatePems?: readonly string[];
}

/** Options of the registry. */
export interface RegistryOptions {
  readonly clock?: Clock;
  /** How long a read stays cached. @defaultValue 5000 ms */
  readonly cacheTtlMs?: number;
}

/** A registered certificate as cached: its status is decided at each read (retirement). */
interface KnownCertificate extends CertificateRecord {
  readonly retiresAt?: string;
}

/** Whether two records are the same (their canonical JSON). */
function sameRecord(a: Participant, b: Participant): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** How a stored entry stands against its history, for operators. */
export type EntryHistory =
  | { readonly state: 'ok' | 'behind' }
  | { readonly state: 'differs'; readonly detail: string; readonly fields: readonly string[] };

interface Cached<T> {
  readonly value: T;
  readonly until: number;
}

/** What the public directory shows of a participant: no certificates, no status. */
export function directoryEntryOf(p: Participant): DirectoryEntry {
  return {
    oin: p.oin,
    name: p.name,
    kind: p.kind,
    modules: p.modules,
    publicBody: p.publicBody,
    transport: p.transport,
    acceptedVersions: acceptedVersionsOf(p),
    ...(p.postcodegebieden === undefined ? {} : { postcodegebieden: p.postcodegebieden }),
    ...(p.vasteLasten === undefined ? {} : { vasteLasten: p.vasteLasten }),
  };
}

/** The participant registry over a ledger. */
export class ParticipantRegistry implements CertificateResolver {
  readonly #ledger: ParticipantStore;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #byOin = new Map<string, Cached<Participant | undefined>>();
  readonly #byThumbprint = new Map<string, Cached<KnownCertificate>>();
  /** Every participant as listed (`list()`: metrics, the console, provisioning, postcode routing). */
  #listing: Cached<readonly Participant[]> | undefined;

  constructor(ledger: ParticipantStore, options: RegistryOptions = {}) {
    this.#ledger = ledger;
    this.#clock = options.clock ?? systemClock;
    this.#ttlMs = options.cacheTtlMs ?? 5000;
  }

  /** The participant with this OIN, if registered. */
  async get(oin: string): Promise<Participant | undefined> {
    const hit = this.#byOin.get(oin);
    if (hit !== undefined && hit.until > Date.now()) return hit.value;
    const value = await this.#verified(oin, await this.#ledger.getParticipant(oin));
    // Misses are not cached: the OIN may come from a message (its recipient), so caching
    // every unknown one would let senders grow the cache without bound.
    if (value !== undefined) this.#byOin.set(oin, { value, until: Date.now() + this.#ttlMs });
    return value;
  }

  /** The registered participant, active; throws PARTICIPANT_UNKNOWN / PARTICIPANT_SUSPENDED. */
  async requireActive(oin: string): Promise<Participant> {
    const participant = await this.get(oin);
    if (participant === undefined) {
      throw new AuthorisationError(
        'PARTICIPANT_UNKNOWN',
        `no participant with OIN ${oin} is registered`,
      );
    }
    if (participant.status !== 'active') {
      throw new AuthorisationError('PARTICIPANT_SUSPENDED', `participant ${oin} is suspended`);
    }
    return participant;
  }

  /** The certificate with this thumbprint and its registry status (for envelope verification). */
  async byThumbprint(thumbprint: string): Promise<CertificateRecord | undefined> {
    // Only well-formed thumbprints reach the store and the cache, and misses are not cached:
    // unauthenticated callers (POST /v1/token) choose this string.
    if (!THUMBPRINT.test(thumbprint)) return undefined;
    const hit = this.#byThumbprint.get(thumbprint);
    let known = hit !== undefined && hit.until > Date.now() ? hit.value : undefined;
    if (known === undefined) {
      const found = await this.#ledger.findParticipantByThumbprint(thumbprint);
      const owner = found === undefined ? undefined : await this.#verified(found.oin, found);
      const entry = owner?.certificates.find((c) => c.thumbprint === thumbprint);
      if (entry === undefined) return undefined;
      known = {
        certificate: new X509Certificate(entry.certificatePem),
        status: entry.status,
        ...(entry.retiresAt === undefined ? {} : { retiresAt: entry.retiresAt }),
      };
      this.#byThumbprint.set(thumbprint, { value: known, until: Date.now() + this.#ttlMs });
    }
    // A rotated-out certificate counts as revoked from the end of its overlap period.
    const retired =
      known.retiresAt !== undefined && known.retiresAt <= this.#clock.now().toISOString();
    return { certificate: known.certificate, status: retired ? 'revoked' : known.status };
  }

  /**
   * Every participant as its history says: an entry edited in the database is listed as the
   * last record of its history, one with no history at all not at all — so nothing that lists
   * participants (the directory, broker provisioning at start-up, the console's counts) acts
   * on an edit. `listWithHistory` shows operators the stored entries and how they stand.
   * Cached for `cacheTtlMs` like single reads (metrics scrapes and the console ask often).
   */
  async list(): Promise<Participant[]> {
    const hit = this.#listing;
    if (hit !== undefined && hit.until > Date.now()) return [...hit.value];
    const value = await this.#readList();
    this.#listing = { value, until: Date.now() + this.#ttlMs };
    return [...value];
  }

  /** `list()` read now, past the cache (a change checks against what is stored). */
  async #readList(): Promise<Participant[]> {
    const standings = await Promise.all(
      (await this.#ledger.listParticipants()).map((stored) => this.#standing(stored.oin, stored)),
    );
    return standings.flatMap((standing) => (standing.truth === undefined ? [] : [standing.truth]));
  }

  /** The public directory: active participants, optionally of one module. */
  async directory(module?: Module): Promise<DirectoryEntry[]> {
    const all = await this.list();
    return all
      .filter((p) => p.status === 'active' && (module === undefined || p.modules.includes(module)))
      .map(directoryEntryOf);
  }

  /**
   * The municipality that serves the PC4 area `pc4` (vroegsignalering), if any: read from the
   * cached listing, since every signal asks.
   */
  async servingPostcode(pc4: string): Promise<Participant | undefined> {
    return municipalityServing(await this.list(), pc4);
  }

  /** Registers a participant, or updates name, modules and flags and adds certificates. */
  async add(input: NewParticipant, actor?: string): Promise<Participant> {
    if (!isValidOinSyntax(input.oin))
      throw new UsageError('USAGE_INVALID', `OIN must be 20 digits, got '${input.oin}'`);
    const allowed = [...participantKindSpec(input.kind).modules.keys()];
    const modules = input.modules ?? allowed;
    const refused = modules.filter((module) => !allowed.includes(module));
    if (refused.length > 0) {
      throw new UsageError(
        'USAGE_INVALID',
        `a ${input.kind} cannot take part in ${refused.join(', ')}`,
      );
    }
    const now = this.#clock.now().toISOString();
    const existing = await this.#truth(input.oin);
    // A record made before 2.1 keeps its absent declaration (2.0 only) until one is given.
    const acceptedVersions =
      input.acceptedVersions === undefined
        ? existing === undefined
          ? standardVersions()
          : existing.acceptedVersions
        : checkAcceptedVersions(input.acceptedVersions);
    const vroegsignalering = checkVroegsignalering(
      input.kind,
      input,
      existing,
      (await this.#readList()).filter((other) => other.oin !== input.oin),
    );
    checkSignalVersions(vroegsignalering, acceptedVersions ?? UNDECLARED_VERSIONS);
    const certificates = [...(existing?.certificates ?? [])];
    for (const pem of input.certificatePems ?? []) {
      const certificate = this.#certificateEntry(pem, input.oin, now);
      if (!certificates.some((known) => known.thumbprint === certificate.thumbprint))
        certificates.push(certificate);
    }
    const participant: Participant = {
      oin: input.oin,
      name: input.name,
      kind: input.kind,
      modules: [...modules],
      publicBody: input.publicBody ?? existing?.publicBody ?? false,
      preferent: input.preferent ?? existing?.preferent ?? false,
      transport: input.transport ?? existing?.transport ?? 'rest',
      ...(acceptedVersions === undefined ? {} : { acceptedVersions: [...acceptedVersions] }),
      ...vroegsignalering,
      status: existing?.status ?? 'active',
      certificates,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.#save(participant, existing === undefined ? 'added' : 'updated', {}, actor);
    return participant;
  }

  /** Suspends (or reactivates) a participant. */
  async setStatus(
    oin: string,
    status: Participant['status'],
    actor?: string,
  ): Promise<Participant> {
    const participant = await this.#existing(oin);
    const changed = { ...participant, status, updatedAt: this.#clock.now().toISOString() };
    await this.#save(changed, status === 'suspended' ? 'suspended' : 'reactivated', {}, actor);
    return changed;
  }

  /** Changes how a participant takes delivery. */
  async setTransport(
    oin: string,
    transport: TransportPreference,
    actor?: string,
  ): Promise<Participant> {
    const participant = await this.#existing(oin);
    const changed = { ...participant, transport, updatedAt: this.#clock.now().toISOString() };
    await this.#save(changed, 'transport-changed', { transport }, actor);
    return changed;
  }

  /**
   * Rotates a participant's certificate: adds `pem` and lets every other active certificate
   * retire `overlapDays` from now, so the participant can switch over without a gap. A
   * certificate past its retirement counts as revoked.
   */
  async rotateCertificate(
    oin: string,
    pem: string,
    overlapDays: number,
    actor?: string,
  ): Promise<Participant> {
    if (!Number.isInteger(overlapDays) || overlapDays < 0 || overlapDays > MAX_OVERLAP_DAYS) {
      throw new UsageError(
        'USAGE_INVALID',
        `the overlap is a whole number of days from 0 to ${MAX_OVERLAP_DAYS}`,
      );
    }
    const participant = await this.#existing(oin);
    const now = this.#clock.now();
    const added = this.#certificateEntry(pem, oin, now.toISOString());
    if (participant.certificates.some((c) => c.thumbprint === added.thumbprint)) {
      throw new UsageError('USAGE_INVALID', `participant ${oin} already has this certificate`);
    }
    const retiresAt = new Date(now.getTime() + overlapDays * 86_400_000).toISOString();
    const retiring: string[] = [];
    const certificates = participant.certificates.map((certificate) => {
      if (certificate.status !== 'active' || certificate.retiresAt !== undefined)
        return certificate;
      retiring.push(certificate.thumbprint);
      return { ...certificate, retiresAt };
    });
    const changed = {
      ...participant,
      certificates: [...certificates, added],
      updatedAt: now.toISOString(),
    };
    await this.#save(
      changed,
      'certificate-rotated',
      { thumbprint: added.thumbprint, retiring, retiresAt },
      actor,
    );
    return changed;
  }

  /**
   * Adds a certificate to a participant beside the ones it has (a portal user's browser key,
   * docs/portal.md, with `use` `portal`): nothing retires.
   */
  async addCertificate(
    oin: string,
    pem: string,
    actor?: string,
    use?: ParticipantCertificate['use'],
  ): Promise<Participant> {
    const participant = await this.#existing(oin);
    const now = this.#clock.now().toISOString();
    const added = {
      ...this.#certificateEntry(pem, oin, now),
      ...(use === undefined ? {} : { use }),
    };
    if (participant.certificates.some((c) => c.thumbprint === added.thumbprint)) {
      throw new UsageError('USAGE_INVALID', `participant ${oin} already has this certificate`);
    }
    const changed = {
      ...participant,
      certificates: [...participant.certificates, added],
      updatedAt: now,
    };
    await this.#save(changed, 'certificate-added', { thumbprint: added.thumbprint }, actor);
    return changed;
  }

  /** Revokes one certificate of a participant. */
  async revokeCertificate(oin: string, thumbprint: string, actor?: string): Promise<Participant> {
    const participant = await this.#existing(oin);
    if (!participant.certificates.some((certificate) => certificate.thumbprint === thumbprint)) {
      throw new UsageError('USAGE_INVALID', `participant ${oin} has no certificate ${thumbprint}`);
    }
    const now = this.#clock.now().toISOString();
    const certificates = participant.certificates.map((certificate) =>
      certificate.thumbprint === thumbprint
        ? { ...certificate, status: 'revoked' as const, revokedAt: now }
        : certificate,
    );
    const changed = { ...participant, certificates, updatedAt: now };
    await this.#save(changed, 'certificate-revoked', { thumbprint }, actor);
    return changed;
  }

  /**
   * Anchors the history of entries written before the registry chained whole records (issue
   * 12): each such entry gets a `history-anchored` event holding it as it stands. Run at
   * start-up, before anything reads the registry; the number anchored is logged. An entry
   * edited before its anchoring is not found — the anchoring is the start of its evidence. An
   * entry with no history at all was never written by the registry and stays refused.
   */
  async anchorUnrecorded(): Promise<string[]> {
    const anchored: string[] = [];
    for (const participant of await this.#ledger.listParticipants()) {
      const head = await this.#ledger.lastEvent(participantSubject(participant.oin));
      // No history at all: written in the database, not by an older version — not anchored.
      if (head === undefined || recordOf(head) !== undefined) continue;
      await this.#ledger.appendEvent({
        subject: participantSubject(participant.oin),
        type: PARTICIPANT_CHANGED,
        at: this.#clock.now().toISOString(),
        data: {
          change: 'history-anchored',
          status: participant.status,
          kind: participant.kind,
          record: participant,
        },
      });
      anchored.push(participant.oin);
    }
    this.clearCache();
    return anchored;
  }

  /**
   * Every participant with how its stored entry stands against its history (for operators):
   * `ok`, `behind` (brought up to date on the next read), or `differs` with what differs.
   */
  async listWithHistory(): Promise<{ participant: Participant; history: EntryHistory }[]> {
    const entries = await this.#ledger.listParticipants();
    return Promise.all(
      entries.map(async (participant) => {
        const { check } = await this.#standing(participant.oin, participant);
        const history: EntryHistory =
          check.state === 'mismatch'
            ? { state: 'differs', detail: check.detail, fields: check.fields }
            : { state: check.state };
        return { participant, history };
      }),
    );
  }

  /**
   * Writes a participant's entry back as the last record of its history says, with a
   * `restored-from-history` event (an operator's answer to PARTICIPANT_UNVERIFIED, after
   * finding out who changed the database).
   */
  async restoreFromHistory(oin: string, actor?: string): Promise<Participant> {
    const head = await this.#ledger.lastEvent(participantSubject(oin));
    const recorded = head === undefined ? undefined : recordOf(head);
    if (recorded === undefined) {
      throw new UsageError(
        'USAGE_INVALID',
        `participant ${oin} has no recorded history to restore`,
      );
    }
    const restored = { ...recorded, updatedAt: this.#clock.now().toISOString() };
    await this.#save(restored, 'restored-from-history', {}, actor);
    return restored;
  }

  /** Forgets cached reads (after changes made by another process, in tests). */
  clearCache(): void {
    this.#byOin.clear();
    this.#byThumbprint.clear();
    this.#listing = undefined;
  }

  /**
   * The stored entry checked against its chained history (history.ts): the entry when they
   * agree; the history's record when the entry is behind it (a writer crashed between the two
   * writes; the entry is brought up to date); PARTICIPANT_UNVERIFIED when the entry differs from
   * every point of its history — edited in the database, so the hub does not act on it.
   */
  async #verified(oin: string, stored: Participant | undefined): Promise<Participant | undefined> {
    const { check } = await this.#standing(oin, stored);
    if (check.state === 'ok') return stored;
    if (check.state === 'behind') {
      await this.#ledger.putParticipant(check.latest);
      return check.latest;
    }
    // What differs is for operators (ledger verify, the console), not for whoever addressed it.
    throw new AuthorisationError(
      'PARTICIPANT_UNVERIFIED',
      `the registry entry of participant ${oin} does not match its recorded history; an operator must look at it`,
    );
  }

  /**
   * How a stored entry (`undefined`: none) stands against its history, and the participant the
   * history says it is (`truth`; `undefined` when there is none). The common case — the entry
   * equals the last record — costs one read of the chain's head.
   */
  async #standing(
    oin: string,
    stored: Participant | undefined,
  ): Promise<{ check: HistoryCheck; truth: Participant | undefined }> {
    const subject = participantSubject(oin);
    const head = await this.#ledger.lastEvent(subject);
    const latest = head === undefined ? undefined : recordOf(head);
    if (stored !== undefined && latest !== undefined && sameRecord(stored, latest)) {
      return { check: { state: 'ok' }, truth: stored };
    }
    if (head === undefined) {
      return { check: checkParticipant(stored, []), truth: undefined };
    }
    const check = checkParticipant(stored, await this.#ledger.listEvents(subject));
    // A history from before records (not yet anchored) vouches for the entry as stored.
    return { check, truth: latest ?? stored };
  }

  /**
   * The participant a change starts from: what its history says (the last record), so that a
   * change made through the registry also writes over an entry edited in the database.
   */
  async #existing(oin: string): Promise<Participant> {
    const participant = await this.#truth(oin);
    if (participant === undefined)
      throw new UsageError('USAGE_INVALID', `no participant with OIN ${oin}`);
    return participant;
  }

  /**
   * The last record of `oin`'s history. An entry with no history at all is no participant (it
   * was written in the database); one whose history predates records (not yet anchored, e.g.
   * by a CLI on an old ledger) is taken as stored.
   */
  async #truth(oin: string): Promise<Participant | undefined> {
    const head = await this.#ledger.lastEvent(participantSubject(oin));
    if (head === undefined) return undefined;
    return recordOf(head) ?? (await this.#ledger.getParticipant(oin));
  }

  #certificateEntry(pem: string, oin: string, now: string): ParticipantCertificate {
    const info = inspectCertificate(pem);
    if (info.oin !== oin) {
      throw new UsageError(
        'USAGE_INVALID',
        `the certificate is for OIN ${info.oin ?? '(none)'}, not ${oin}`,
      );
    }
    return {
      thumbprint: info.thumbprint,
      certificatePem: pem,
      status: 'active',
      validFrom: info.validFrom.toISOString(),
      validTo: info.validTo.toISOString(),
      addedAt: now,
    };
  }

  async #save(
    participant: Participant,
    change: string,
    extra: Record<string, unknown> = {},
    actor?: string,
  ): Promise<void> {
    // The chain first: a crash before the entry is written leaves the entry behind its history,
    // which the next read repairs; the other order would leave an entry with no history.
    await this.#ledger.appendEvent({
      subject: participantSubject(participant.oin),
      type: PARTICIPANT_CHANGED,
      at: participant.updatedAt,
      ...(actor === undefined ? {} : { actor }),
      data: {
        change,
        status: participant.status,
        kind: participant.kind,
        ...extra,
        record: participant,
      },
    });
    await this.#ledger.putParticipant(participant);
    this.clearCache();
  }
}
