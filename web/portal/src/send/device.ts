/**
 * This browser's signing key for the logged-in user, and what the hub says of it: none yet,
 * asked for (a beheerder must approve), approved (can sign), or revoked.
 */
import { useQuery } from '@tanstack/react-query';
import { getKeys } from './send_api.ts';
import type { PortalKey } from './send_api.ts';
import { browserKeyOf } from './signing.ts';
import type { BrowserKey } from './signing.ts';

export const KEYS_KEY = ['keys'] as const;

/** The device's state for signing. */
export type DeviceState =
  | { readonly state: 'loading' }
  | { readonly state: 'none' }
  | { readonly state: 'pending' | 'revoked'; readonly key: BrowserKey; readonly hubKey: PortalKey }
  | { readonly state: 'unknown'; readonly key: BrowserKey }
  | {
      readonly state: 'active';
      readonly key: BrowserKey;
      readonly hubKey: PortalKey;
      readonly thumbprint: string;
    };

export function useDevice(user: string): DeviceState {
  const local = useQuery({
    queryKey: ['browser-key', user],
    queryFn: async () => (await browserKeyOf(user)) ?? null,
  });
  const keys = useQuery({ queryKey: KEYS_KEY, queryFn: getKeys });
  if (local.data === undefined || keys.data === undefined) return { state: 'loading' };
  const key = local.data;
  if (key === null) return { state: 'none' };
  const hubKey = keys.data.find((candidate) => candidate.user === user && candidate.id === key.id);
  if (hubKey === undefined) return { state: 'unknown', key };
  if (hubKey.status === 'active' && hubKey.thumbprint !== undefined) {
    return { state: 'active', key, hubKey, thumbprint: hubKey.thumbprint };
  }
  return { state: hubKey.status === 'revoked' ? 'revoked' : 'pending', key, hubKey };
}
