import { expect } from 'chai';
import {
  firstSharedPc4,
  isPostcodegebied,
  mayReceiveInModule,
  maySendInModule,
  messageTypeSpec,
  PARTICIPANT_KINDS,
  pc4Of,
  resolveMessageType,
  servesPc4,
  signalPc4,
  signalPostcode,
} from '@knooppunt/standard';

describe('catalogue: vroegsignalering', () => {
  it('routes a signal by postcode to municipal debt help, and its outcome back in reply', () => {
    const signal = messageTypeSpec('signaal-betalingsachterstand');
    expect(signal.routing).to.equal('postcode');
    expect([...signal.senderRoles]).to.deep.equal(['schuldeiser']);
    expect([...signal.recipientRoles]).to.deep.equal(['schuldhulpverlener']);
    expect([...signal.answeredBy]).to.deep.equal(['signaal-uitkomst']);
    expect(signal.conversation).to.equal('opens');
    const outcome = messageTypeSpec('signaal-uitkomst');
    expect(outcome.routing).to.equal('recipient');
    expect(outcome.inReplyTo).to.equal('required');
    expect(outcome.conversation).to.equal('closes');
    expect([...outcome.hubReads]).to.deep.equal([['uitkomst', '/uitkomst']]);
  });

  it('knows the new types at version 2.1 only', () => {
    expect(messageTypeSpec('signaal-betalingsachterstand').versions).to.deep.equal(['2.1']);
    expect(() => resolveMessageType('vroegsignalering', 'signaal-uitkomst', '2.0'))
      .to.throw()
      .with.property('code', 'MESSAGE_TYPE_UNKNOWN');
    expect(resolveMessageType('vroegsignalering', 'signaal-uitkomst', '2.1').name).to.equal(
      'signaal-uitkomst',
    );
  });

  it('lets creditors and municipal debt help into the module, nobody else', () => {
    const inModule = PARTICIPANT_KINDS.filter(
      (kind) =>
        maySendInModule(kind, 'vroegsignalering') || mayReceiveInModule(kind, 'vroegsignalering'),
    );
    expect(inModule).to.have.members([
      'schuldeiser',
      'schuldhulpverlener-fase-1',
      'schuldhulpverlener-fase-2',
    ]);
  });

  it('reads the PC4 area of a full postcode, with or without the space', () => {
    expect(pc4Of('3531 CL')).to.equal('3531');
    expect(pc4Of('3531CL')).to.equal('3531');
    expect(pc4Of('0531 CL')).to.equal(undefined);
    expect(pc4Of('3531')).to.equal(undefined);
  });

  it('reads the PC4 area of a signal from its payload, the one reading SDK, hub and tests share', () => {
    expect(signalPc4({ adres: { postcode: '3531 CL' } })).to.equal('3531');
    expect(signalPostcode({ adres: { postcode: 'B-1000' } })).to.equal('B-1000');
    expect(signalPc4({ adres: { postcode: 'B-1000' } })).to.equal(undefined);
    expect(signalPc4({ adres: {} })).to.equal(undefined);
    expect(signalPc4('3531 CL')).to.equal(undefined);
  });

  it('takes single areas and ranges low to high as declarations', () => {
    expect(isPostcodegebied('3511')).to.equal(true);
    expect(isPostcodegebied('3500-3585')).to.equal(true);
    expect(isPostcodegebied('3585-3500')).to.equal(false);
    expect(isPostcodegebied('351')).to.equal(false);
    expect(isPostcodegebied('0500')).to.equal(false);
  });

  it('serves a PC4 area inside a range or named singly, and not next to it', () => {
    const utrecht = ['3451-3455', '3500-3585'];
    expect(servesPc4(utrecht, '3531')).to.equal(true);
    expect(servesPc4(utrecht, '3585')).to.equal(true);
    expect(servesPc4(utrecht, '3453')).to.equal(true);
    expect(servesPc4(utrecht, '3586')).to.equal(false);
    expect(servesPc4(utrecht, '3811')).to.equal(false);
    expect(servesPc4(utrecht, 'abcd')).to.equal(false);
  });

  it('finds the first area two declarations share (one municipality per area)', () => {
    expect(firstSharedPc4(['3500-3585'], ['3811-3829'])).to.equal(undefined);
    expect(firstSharedPc4(['3500-3585'], ['3580-3600', '3520'])).to.equal('3520');
    expect(firstSharedPc4(['3531'], ['3531'])).to.equal('3531');
  });
});
