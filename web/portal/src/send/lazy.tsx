/**
 * The sending screens, loaded when first opened: they bring the form generator and its
 * validator, which reading the inbox never needs.
 */
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Paragraph } from '@utrecht/component-library-react';

const Answer = lazy(async () => ({ default: (await import('./answer_screen.tsx')).AnswerScreen }));
const NewMessage = lazy(async () => ({
  default: (await import('./new_message_screen.tsx')).NewMessageScreen,
}));
const Bulk = lazy(async () => ({ default: (await import('./bulk_screen.tsx')).BulkScreen }));
const Devices = lazy(async () => ({
  default: (await import('./devices_screen.tsx')).DevicesScreen,
}));

function Loading({ children }: { readonly children: ReactNode }) {
  return <Suspense fallback={<Paragraph>Even laden…</Paragraph>}>{children}</Suspense>;
}

export function AnswerScreen({ id }: { readonly id: string }) {
  return (
    <Loading>
      <Answer id={id} />
    </Loading>
  );
}

export function NewMessageScreen() {
  return (
    <Loading>
      <NewMessage />
    </Loading>
  );
}

export function DevicesScreen() {
  return (
    <Loading>
      <Devices />
    </Loading>
  );
}

export function BulkScreen() {
  return (
    <Loading>
      <Bulk />
    </Loading>
  );
}
