/**
 * Naming a participant on the command line: by OIN, or by the handle of a development-network
 * participant (`gemeente`, `energie`, …), and finding its development key and certificate in
 * `<dataDir>/pki/participants/<oin>/` as `knooppunt init` left them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HubConfig } from '../config.ts';
import { isValidOinSyntax, UsageError } from '@knooppunt/standard';
import type { Signer } from '@knooppunt/standard';
import { DEV_NETWORK, devParticipant } from '../devnet/dev_network.ts';
import { pkiPaths } from '../pki/files.ts';
import { devSignerFor } from '../devnet/dev_network.ts';

/** The OIN named by `ref` (an OIN, or a development handle); USAGE_INVALID otherwise. */
export function resolveOin(ref: string): string {
  const oin = devParticipant(ref)?.oin ?? ref;
  if (!isValidOinSyntax(oin)) {
    const handles = DEV_NETWORK.map((p) => p.handle).join(', ');
    throw new UsageError(
      'USAGE_INVALID',
      `'${ref}' is neither an OIN (20 digits) nor a development handle (${handles})`,
    );
  }
  return oin;
}

/** Where the development key and certificate of `oin` live. */
export function devCredentialPaths(
  config: HubConfig,
  oin: string,
): { certPath: string; keyPath: string } {
  const folder = join(pkiPaths(join(config.dataDir, 'pki')).participants, oin);
  return { certPath: join(folder, 'cert.pem'), keyPath: join(folder, 'key.pem') };
}

/** The signer (key + certificate) of a development participant; FILE_UNREADABLE if absent. */
export function devSigner(config: HubConfig, ref: string): { oin: string; signer: Signer } {
  const oin = resolveOin(ref);
  const { certPath, keyPath } = devCredentialPaths(config, oin);
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    throw new UsageError(
      'FILE_UNREADABLE',
      `no development key for ${oin} in ${join(config.dataDir, 'pki')}; run knooppunt init first`,
    );
  }
  return { oin, signer: devSignerFor(join(config.dataDir, 'pki'), oin) };
}
