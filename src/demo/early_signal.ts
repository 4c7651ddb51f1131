/**
 * The demo's prologue: vroegsignalering (DOMAIN.md, "Early signals"). Before there is a debt
 * case, the energy company signals that Maria de Vries — the debtor of the case that follows —
 * is three months behind after an unanswered reminder. It knows her address, not her
 * municipality: the SDK finds the municipality serving postcode 3531 in the hub's directory
 * (Gemeente Utrecht), and the hub checks the same on the envelope. The municipality reaches her
 * and answers `bereikt` (12 November), with no personal data; she asks for debt help, and the
 * case begins (16 November).
 */
import { examplePayload } from '@knooppunt/standard';
import type { SignalPayload } from '@knooppunt/sdk';
import { euro } from './scenes.ts';
import type { Stage } from './stage.ts';

/** The creditor that signals, and the arrears it signals (in cents). */
const SIGNALLER = 'energie';
const ARREARS = 38_745;

/** The signal about the case's debtor: the energy company's example with her name and address. */
export function signalAboutDebtor(): SignalPayload {
  const signal = examplePayload('signaal-betalingsachterstand', 'energie-utrecht');
  const debtor = examplePayload('kennisgeving', 'zonder-bsn')['schuldenaar'] as {
    persoon: Record<string, unknown>;
    adres: { postcode: string };
  };
  const { geslacht: _geslacht, ...persoon } = debtor.persoon;
  // Built from the examples (plain JSON); the factory validates it against the 2.1 schema.
  return {
    ...signal,
    persoon,
    adres: debtor.adres,
    achterstand: { bedrag: ARREARS, sinds: '2026-08-28', aantalTermijnen: 3 },
  } as never;
}

/** 0. The energy company signals arrears; the municipality found by postcode answers. */
export async function earlySignal(stage: Stage): Promise<void> {
  stage.say(`0. Vroegsignalering: ${euro(ARREARS)} energy arrears, routed by postcode`);
  const sent = await stage.signal(SIGNALLER, signalAboutDebtor());
  const [signal] = await stage.take('gemeente', 'signaal-betalingsachterstand');
  if (signal === undefined) throw new Error('the signal did not arrive');
  await stage.send(
    'gemeente',
    SIGNALLER,
    'signaal-uitkomst',
    { uitkomst: 'bereikt', datum: '2026-11-12' },
    {
      module: 'vroegsignalering',
      conversationId: stage.ids.signalId,
      inReplyTo: sent.messageId,
      note: 'bereikt: she asks for debt help',
    },
  );
  await stage.take(SIGNALLER, 'signaal-uitkomst');
  stage.say('');
}
