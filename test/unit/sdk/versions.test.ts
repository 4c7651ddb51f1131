/**
 * The SDK and the standard's versions: a draft without a version is sent at the type's oldest
 * version (2.0 where it has it — every participant takes it), a draft may name a later one, and
 * a version the type does not have is refused before anything is signed.
 */
import { expect } from 'chai';
import { MessageFactory } from '@knooppunt/sdk';
import type { Saldoverzoek, SaldoverzoekV21 } from '@knooppunt/sdk';
import { examplePayload, ManualClock, messageTypeSpec, UsageError } from '@knooppunt/standard';
import { createTestPki, OIN } from '../../support/pki_fixtures.ts';

describe('SDK: versions of the standard', () => {
  const at = new Date('2027-03-01T09:00:00.000Z');
  let factory: MessageFactory;
  before(() => {
    const gemeente = createTestPki({ at }).participant(OIN.gemeente, 'Gemeente Utrecht');
    factory = new MessageFactory({
      oin: OIN.gemeente,
      signer: gemeente.signer,
      clock: new ManualClock(at),
    });
  });

  it('sends a type at its oldest version (2.0) unless the draft names one', () => {
    const message = factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: OIN.energie,
      payload: examplePayload('saldoverzoek') as unknown as Saldoverzoek,
    });
    expect(message.envelope.version).to.equal('2.0');
  });

  it('sends a later version, validated against its own schema, when the draft names it', () => {
    expect(messageTypeSpec('saldoverzoek').versions).to.include('2.1');
    const message = factory.create({
      type: 'saldoverzoek',
      version: '2.1',
      module: 'schuldinventarisatie',
      recipient: OIN.energie,
      payload: examplePayload('saldoverzoek', undefined, {
        version: '2.1',
      }) as unknown as SaldoverzoekV21,
    });
    expect(message.envelope.version).to.equal('2.1');
  });

  it('refuses a version the type does not have (USAGE_INVALID) before signing', () => {
    expect(() =>
      factory.create({
        type: 'saldoverzoek',
        version: '9.9' as '2.1',
        module: 'schuldinventarisatie',
        recipient: OIN.energie,
        payload: examplePayload('saldoverzoek', undefined, {
          version: '2.1',
        }) as unknown as SaldoverzoekV21,
      }),
    )
      .to.throw(UsageError)
      .with.property('message')
      .that.matches(/not 9\.9/);
  });
});
