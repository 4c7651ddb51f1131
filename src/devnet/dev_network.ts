/**
 * The development network that `knooppunt init` (and the first `npm start`) creates — its
 * PKI, the hub's default OIN and the keys of its participants — with a
 * municipality in phase 2, a credit bank, a bewindvoerder, the Waarborgfonds and 14 creditors
 * — public bodies that may receive a BSN and private companies. OINs follow the OIN scheme
 * (`00000001` + RSIN + `000` for public bodies, `00000003` + KvK number + `0000` for private
 * ones); the numbers are made up for development. Every participant takes every version of the
 * standard the hub offers except the mail-order company, whose software still takes 2.0 only
 * (so the network shows VERSION_NOT_ACCEPTED). For early signals (vroegsignalering) Gemeente
 * Utrecht serves Utrecht's postal areas (Vleuten, De Meern and Haarzuilens 3451–3455, the city
 * 3500–3585) and Gemeente Amersfoort Amersfoort's (3811–3829); the energy, water and housing
 * companies, the health insurer and the CAK declare the fixed costs whose arrears they signal.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ParticipantKind } from '@knooppunt/standard';
import { signerFromPem, standardVersions } from '@knooppunt/standard';
import type { Signer } from '@knooppunt/standard';
import type { OperatorAccounts } from '../operators/accounts.ts';
import type { PortalAccounts } from '../portal/accounts.ts';
import { pkiInit, pkiIssue, pkiPaths, writeAtomically } from '../pki/files.ts';
import type { NewParticipant, ParticipantRegistry } from '../participants/registry.ts';
import type { Participant } from '../participants/types.ts';
import { acceptedVersionsOf } from '../participants/versions.ts';

/** The development hub's OIN (the hub certificate names the OIN of a real hub). */
export const DEFAULT_HUB_OIN = '00000001999999990000';

/** One participant of the development network. */
export interface DevParticipant extends Omit<NewParticipant, 'certificatePems'> {
  /** A short handle for the CLI (`--as gemeente`). */
  readonly handle: string;
}

const creditor = (
  handle: string,
  oin: string,
  name: string,
  flags: Pick<NewParticipant, 'publicBody' | 'preferent' | 'acceptedVersions' | 'vasteLasten'> = {},
): DevParticipant => ({ handle, oin, name, kind: 'schuldeiser' as ParticipantKind, ...flags });

/** The development network. */
export const DEV_NETWORK: readonly DevParticipant[] = Object.freeze([
  {
    handle: 'gemeente',
    oin: '00000001002220647000',
    name: 'Gemeente Utrecht, Schuldhulpverlening',
    kind: 'schuldhulpverlener-fase-2',
    postcodegebieden: ['3451-3455', '3500-3585'],
  },
  {
    handle: 'gemeente-amersfoort',
    oin: '00000001001759082000',
    name: 'Gemeente Amersfoort, Schuldhulpverlening',
    kind: 'schuldhulpverlener-fase-1',
    postcodegebieden: ['3811-3829'],
  },
  {
    handle: 'kredietbank',
    oin: '00000003302056540000',
    name: 'Kredietbank Midden-Nederland',
    kind: 'kredietbank',
  },
  {
    handle: 'bewindvoerder',
    oin: '00000003612345670000',
    name: 'Bewindvoering De Brug',
    kind: 'bewindvoerder',
  },
  {
    handle: 'waarborgfonds',
    oin: '00000003411985630000',
    name: 'Waarborgfonds Saneringskredieten',
    kind: 'waarborgfonds',
  },
  creditor('belastingdienst', '00000001003214345000', 'Belastingdienst', {
    publicBody: true,
    preferent: true,
  }),
  creditor('cjib', '00000001003962467000', 'Centraal Justitieel Incassobureau', {
    publicBody: true,
  }),
  creditor('duo', '00000001800866472000', 'Dienst Uitvoering Onderwijs', { publicBody: true }),
  creditor('cak', '00000001820838519000', 'CAK', {
    publicBody: true,
    vasteLasten: ['cak-wmo', 'cak-wlz'],
  }),
  creditor('toeslagen', '00000001821699180000', 'Belastingdienst/Toeslagen', {
    publicBody: true,
    preferent: true,
  }),
  creditor('energie', '00000003273111110000', 'Energie Direct B.V.', { vasteLasten: ['energie'] }),
  creditor('zorgverzekeraar', '00000003301234560000', 'Zorgverzekeraar Zilverland N.V.', {
    vasteLasten: ['zorgverzekeraar'],
  }),
  creditor('woningcorporatie', '00000003301111220000', 'Woningcorporatie Stadsgenoot Utrecht', {
    vasteLasten: ['woningcorporatie'],
  }),
  creditor('telecom', '00000003272222330000', 'TeleNed Mobiel B.V.'),
  creditor('incasso', '00000003274444550000', 'Incassobureau Gerritsen & Co'),
  creditor('waterbedrijf', '00000003301555660000', 'Waterbedrijf Vitens-Utrecht N.V.', {
    vasteLasten: ['drinkwater'],
  }),
  creditor('gemeentebelastingen', '00000001002220647001', 'BghU Gemeentelijke Belastingen', {
    publicBody: true,
  }),
  creditor('creditcard', '00000003331777880000', 'Krediet Direct N.V.'),
  creditor('webwinkel', '00000003270999000000', 'Wehkoop Postorder B.V.', {
    acceptedVersions: ['2.0'],
  }),
]);

/** Whether a registered record declares what the network says (versions, areas, kinds). */
function sameDeclarations(
  registered: Participant,
  declared: Pick<NewParticipant, 'acceptedVersions' | 'postcodegebieden' | 'vasteLasten'>,
): boolean {
  const same = (a: readonly string[] = [], b: readonly string[] = []) =>
    a.length === b.length && a.every((one, i) => one === b[i]);
  return (
    same(acceptedVersionsOf(registered), declared.acceptedVersions) &&
    same(registered.postcodegebieden, declared.postcodegebieden) &&
    same(registered.vasteLasten, declared.vasteLasten)
  );
}

/** The development participant with a handle or OIN. */
export function devParticipant(handleOrOin: string): DevParticipant | undefined {
  return DEV_NETWORK.find((p) => p.handle === handleOrOin || p.oin === handleOrOin);
}

/** Paths of the development PKI after bootstrap. */
export interface DevBootstrapResult {
  readonly caCertPath: string;
  readonly hubCertPath: string;
  readonly hubKeyPath: string;
  readonly created: boolean;
}

/**
 * Creates the development CA, the hub certificate and a certificate per participant in
 * `pkiDir`, and registers the network. Idempotent: what exists is kept, except that a
 * participant whose versions, postal areas or kinds of fixed cost differ from the network's is
 * updated (a data dir from before 2.1 gets Utrecht's areas). Certificates are made
 * at `now()` (the hub's clock), so a hub on a controlled clock gets certificates valid at it.
 */
export async function bootstrapDevNetwork(
  pkiDir: string,
  registry: ParticipantRegistry,
  hubOin: string,
  now?: () => Date,
): Promise<DevBootstrapResult> {
  const ca = pkiInit(pkiDir, { hubOin, hubName: 'Knooppunt', now });
  const known = new Map((await registry.list()).map((p) => [p.oin, p]));
  for (const participant of DEV_NETWORK) {
    const { certPath } = pkiIssue(pkiDir, {
      oin: participant.oin,
      name: participant.name,
      keyAlgorithm: 'p256',
      now,
    });
    const pem = readFileSync(certPath, 'utf8');
    const registered = known.get(participant.oin);
    const { handle: _handle, ...fields } = participant;
    // The network's versions are explicit, so declarations added since (areas, kinds of
    // fixed cost, 2.1) reach a participant registered on an older data dir.
    const declared = { ...fields, acceptedVersions: fields.acceptedVersions ?? standardVersions() };
    const hasCertificate =
      registered?.certificates.some((c) => c.certificatePem.trim() === pem.trim()) ?? false;
    if (registered !== undefined && hasCertificate && sameDeclarations(registered, declared)) {
      continue;
    }
    await registry.add({ ...declared, certificatePems: hasCertificate ? [] : [pem] });
  }
  return {
    caCertPath: ca.caCertPath,
    hubCertPath: ca.hubCertPath,
    hubKeyPath: ca.hubKeyPath,
    created: ca.created,
  };
}

/** The signer of a participant whose key is in the PKI folder `dir`: `participants/<oin>/`. */
export function devSignerFor(dir: string, oin: string): Signer {
  const folder = join(pkiPaths(dir).participants, oin);
  return signerFromPem(
    readFileSync(join(folder, 'key.pem'), 'utf8'),
    readFileSync(join(folder, 'cert.pem'), 'utf8'),
  );
}

/** The development hub's operator: an admin, for the console. */
export const DEV_OPERATOR = 'beheerder';

/** Where the development operator's password is kept: `<pkiDir>/operators/<name>.password`. */
function devOperatorPasswordPath(pkiDir: string, name: string = DEV_OPERATOR): string {
  return join(pkiDir, 'operators', `${name}.password`);
}

/**
 * Creates the development operator (an admin) with a generated password, kept in a file of
 * mode 0600 next to the development keys; on later starts returns the same login. When the file
 * is gone, or no longer holds the operator's password (`operators passwd` since), a new one is
 * set and written. `knooppunt start` calls it; throw-away hubs do without.
 */
export async function bootstrapDevOperator(
  accounts: OperatorAccounts,
  pkiDir: string,
): Promise<{ readonly name: string; readonly password: string; readonly file: string }> {
  const file = devOperatorPasswordPath(pkiDir);
  const known = await accounts.get(DEV_OPERATOR);
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  if (known !== undefined && kept !== undefined) {
    if (await accounts.hasPassword(DEV_OPERATOR, kept))
      return { name: DEV_OPERATOR, password: kept, file };
  }
  const password =
    known === undefined
      ? (await accounts.add(DEV_OPERATOR, 'admin', 'hub')).password
      : await accounts.setPassword(DEV_OPERATOR, 'hub');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeAtomically(file, `${password}\n`, 0o600);
  return { name: DEV_OPERATOR, password, file };
}

/** Where a development portal user's login is kept: `<pkiDir>/portal/<name>.json`. */
export function devPortalLoginPath(pkiDir: string, name: string): string {
  return join(pkiDir, 'portal', `${name}.json`);
}

/** A development portal user's login as kept. */
export interface DevPortalLogin {
  readonly name: string;
  readonly participant: string;
  readonly password: string;
  readonly totpSecret: string;
}

/**
 * Gives every development participant one portal user, a `beheerder` named by its handle
 * (`energie`, `gemeente`, …), whose password and TOTP secret are kept in
 * `<pkiDir>/portal/<handle>.json` (mode 0600). A user whose file is gone gets new credentials.
 * `knooppunt start` calls it; `knooppunt portal-users code <handle>` prints a current code from
 * the file.
 */
export async function bootstrapDevPortalUsers(
  accounts: PortalAccounts,
  pkiDir: string,
): Promise<{ readonly folder: string; readonly users: readonly DevPortalLogin[] }> {
  const users: DevPortalLogin[] = [];
  for (const participant of DEV_NETWORK) {
    users.push(await bootstrapDevPortalUser(accounts, pkiDir, participant));
  }
  return { folder: join(pkiDir, 'portal'), users };
}

/**
 * The portal user of one development participant, as `bootstrapDevPortalUsers` makes it: a
 * `beheerder` named by its handle, its login kept in `devPortalLoginPath(pkiDir, handle)`. The
 * demo's `--portal` makes only the one it needs.
 */
export async function bootstrapDevPortalUser(
  accounts: PortalAccounts,
  pkiDir: string,
  participant: DevParticipant,
): Promise<DevPortalLogin> {
  const name = participant.handle;
  const file = devPortalLoginPath(pkiDir, name);
  const known = await accounts.get(name);
  if (known !== undefined && existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as DevPortalLogin;
  }
  const enrolment =
    known === undefined
      ? await accounts.add(participant.oin, name, 'beheerder', 'hub')
      : await accounts.reset(name, 'hub');
  const login: DevPortalLogin = {
    name,
    participant: participant.oin,
    password: enrolment.password,
    totpSecret: enrolment.totpSecret,
  };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeAtomically(file, `${JSON.stringify(login, null, 2)}\n`, 0o600);
  return login;
}
