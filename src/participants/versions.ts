/**
 * The standard versions a participant takes delivery of (issue 13). A participant declares them
 * in its record (`acceptedVersions`); the hub delivers a message only in a version its
 * recipient takes (`VERSION_NOT_ACCEPTED` otherwise). A record without the declaration was made
 * before 2.1 existed, by software built for 2.0, so it takes `2.0` only; a new registration
 * takes what it says, by default every version the hub offers.
 */
import { compareVersions, standardVersions, UsageError } from '@knooppunt/standard';
import type { Participant } from './types.ts';

/** What a record without `acceptedVersions` takes: the standard as it was before 2.1. */
export const UNDECLARED_VERSIONS: readonly string[] = Object.freeze(['2.0']);

/** The versions `participant` takes delivery of. */
export function acceptedVersionsOf(
  participant: Pick<Participant, 'acceptedVersions'>,
): readonly string[] {
  return participant.acceptedVersions ?? UNDECLARED_VERSIONS;
}

/** Whether `participant` takes delivery of messages at `version`. */
export function acceptsVersion(
  participant: Pick<Participant, 'acceptedVersions'>,
  version: string,
): boolean {
  return acceptedVersionsOf(participant).includes(version);
}

/**
 * Checks a declaration of accepted versions against the versions the hub offers and returns it
 * without duplicates, oldest first. Every participant takes the oldest version the hub offers
 * while it offers it: that is what a sender falls back to when it does not know its recipient
 * (SDK, portal, CSV answers, the hub's own notices), so a declaration without it would make
 * such messages undeliverable. Throws `USAGE_INVALID` for an empty list, a version the hub does
 * not offer, or a list without the oldest version.
 */
export function checkAcceptedVersions(
  versions: readonly string[],
  offered: readonly string[] = standardVersions(),
): readonly string[] {
  if (versions.length === 0) {
    throw new UsageError(
      'USAGE_INVALID',
      'a participant takes at least one version of the standard',
    );
  }
  const unknown = versions.filter((version) => !offered.includes(version));
  if (unknown.length > 0) {
    throw new UsageError(
      'USAGE_INVALID',
      `the hub offers versions ${offered.join(', ')} of the standard, not ${unknown.join(', ')}`,
    );
  }
  const oldest = [...offered].sort(compareVersions)[0];
  if (oldest !== undefined && !versions.includes(oldest)) {
    throw new UsageError(
      'USAGE_INVALID',
      `every participant takes ${oldest}, the oldest version the hub offers, while the hub offers it: declare ${[oldest, ...versions].join(', ')}`,
    );
  }
  return [...new Set(versions)].sort(compareVersions);
}
