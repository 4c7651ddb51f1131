import { expect } from 'chai';
import { changelogVersions, readChangelog, standardVersions } from '@knooppunt/standard';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('REST transport: schemas and participant directory', () => {
  let testHub: TestHub;
  let creditor: RestClient;

  before(async () => {
    testHub = await startTestHub();
    creditor = testHub.client('energie');
  });
  after(() => testHub.stop());

  it('lists every message schema, each version of a type on its own, with its catalogue traits', async () => {
    const response = await creditor.schemas();
    expect(response.status).to.equal(200);
    // A type at 2.0 and 2.1 is two items: key by type and version.
    const byId = new Map(
      response.body.items.map((item) => [`${item.messageType}@${item.version}`, item]),
    );
    expect(byId.size).to.equal(testHub.hub.schemas.listMessageSchemas().length);
    const byType = new Map(
      response.body.items
        .filter((item) => item.version === '2.0')
        .map((item) => [item.messageType, item]),
    );
    expect(byType.get('saldoverzoek')).to.deep.include({
      version: '2.0',
      $id: 'https://schemas.knooppunt.nl/berichten/saldoverzoek/2.0',
      conversation: 'opens',
      answerDeadlineWorkingDays: 10,
      sentByHub: false,
      sentByDefault: true,
    });
    expect(byId.get('saldoverzoek@2.1')).to.deep.include({ sentByDefault: false });
    expect(byType.get('saldoverzoek')?.recipientRoles).to.deep.equal(['schuldeiser']);
    expect(byType.get('saldoverzoek')?.answeredBy).to.include('saldoverzoek-antwoord');
    expect(byType.get('verloopmelding')).to.deep.include({ sentByHub: true, senderRoles: [] });
  });

  it('serves one schema as application/schema+json, and 404 SCHEMA_UNKNOWN_TYPE for none', async () => {
    const response = await creditor.raw('GET', '/v1/schemas/saldoverzoek/2.0');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/schema\+json/);
    expect(response.body['$id']).to.equal(
      'https://schemas.knooppunt.nl/berichten/saldoverzoek/2.0',
    );
    const missing = await creditor.raw('GET', '/v1/schemas/saldoverzoek/9.9');
    expect(missing.status).to.equal(404);
    expect(problemOf(missing).code).to.equal('SCHEMA_UNKNOWN_TYPE');
  });

  it('lists active participants by module, without certificates or status', async () => {
    const response = await creditor.participants('waarborgfonds');
    expect(response.status).to.equal(200);
    const oins = response.body.items.map((entry) => entry.oin);
    expect(oins).to.include(devOin('waarborgfonds'));
    expect(oins).not.to.include(devOin('energie'));
    for (const entry of response.body.items) {
      expect(entry.modules).to.include('waarborgfonds');
      expect(entry).not.to.have.any.keys('certificates', 'status');
    }
    const all = await creditor.participants();
    expect(all.body.items.length).to.be.greaterThan(oins.length);
  });

  it('shows the versions of the standard each participant takes', async () => {
    const entries = (await creditor.participants()).body.items;
    const versionsOf = (handle: string) =>
      entries.find((entry) => entry.oin === devOin(handle))?.acceptedVersions;
    expect(versionsOf('gemeente')).to.deep.equal(standardVersions());
    expect(versionsOf('energie')).to.deep.equal(standardVersions());
    expect(versionsOf('webwinkel')).to.deep.equal(['2.0']);
  });

  it('leaves suspended participants out of the directory', async () => {
    await testHub.hub.registry.setStatus(devOin('webwinkel'), 'suspended');
    const response = await creditor.participants();
    expect(response.body.items.map((entry) => entry.oin)).not.to.include(devOin('webwinkel'));
  });

  it('answers an unknown module with 400 USAGE_INVALID', async () => {
    const response = await creditor.participants('astrologie');
    expect(response.status).to.equal(400);
    expect(problemOf(response).code).to.equal('USAGE_INVALID');
  });

  it('serves the changelog of the standard as text/markdown, linked from the schema listing', async () => {
    const listing = await creditor.raw('GET', '/v1/schemas');
    expect(listing.body['changelog']).to.equal('/v1/schemas/changelog');
    expect(listing.headers.get('link')).to.equal(
      '</v1/schemas/changelog>; rel="changelog"; type="text/markdown"',
    );
    const response = await creditor.raw<string>('GET', '/v1/schemas/changelog', {
      headers: { Accept: 'text/markdown' },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/markdown/);
    const text = response.body;
    expect(text).to.equal(readChangelog());
    expect(changelogVersions(text)).to.include.members(['2.1', '2.0']);
  });

  it('requires authentication for schemas and the directory', async () => {
    for (const path of [
      '/v1/schemas',
      '/v1/schemas/changelog',
      '/v1/participants',
      '/v1/schemas/saldoverzoek/2.0',
    ]) {
      const response = await creditor.raw('GET', path, { auth: 'none' });
      expect(response.status, path).to.equal(401);
    }
  });
});
