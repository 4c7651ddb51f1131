/**
 * Apparaten: the browsers that may sign for the participant. A user makes a key in this
 * browser (it never leaves it) and asks to enrol it; a beheerder's own key is approved at
 * once, a medewerker's waits for a beheerder, who sees every user's keys here and approves or
 * revokes them.
 */
import { useState } from 'react';
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../shared/api.ts';
import { TextField } from '../../../shared/components/fields.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { StatusMessage } from '../../../shared/components/status_message.tsx';
import type { Outcome } from '../../../shared/components/status_message.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useSession } from '../session.ts';
import { KEYS_KEY, useDevice } from './device.ts';
import { approveKey, getKeys, requestKey, revokeKey } from './send_api.ts';
import type { PortalKey } from './send_api.ts';
import { enrolmentRequest, forgetBrowserKey, makeBrowserKey } from './signing.ts';

const STATUS_NL: Readonly<Record<PortalKey['status'], string>> = {
  pending: 'Wacht op goedkeuring',
  active: 'Kan ondertekenen',
  revoked: 'Ingetrokken',
};

export function DevicesScreen() {
  const session = useSession();
  const client = useQueryClient();
  const device = useDevice(session.name);
  const keys = useQuery({ queryKey: KEYS_KEY, queryFn: getKeys });
  const [label, setLabel] = useState('Deze browser');
  const [labelError, setLabelError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: KEYS_KEY });
    await client.invalidateQueries({ queryKey: ['browser-key', session.name] });
  };

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ ok: true, text: await work() });
    } catch (error) {
      setOutcome({ ok: false, text: errorText(error) });
    } finally {
      await refresh();
      setBusy(false);
    }
  };

  const enrol = () => {
    if (label.trim() === '') {
      setLabelError('Geef dit apparaat een naam, bijvoorbeeld "laptop kantoor".');
      return;
    }
    setLabelError(undefined);
    void act(async () => {
      if (device.state === 'revoked') await forgetBrowserKey(session.name);
      const key =
        device.state === 'none' || device.state === 'revoked'
          ? await makeBrowserKey(session.name)
          : device.state === 'loading'
            ? await makeBrowserKey(session.name)
            : device.key;
      const asked = await requestKey(
        await enrolmentRequest(session.name, label.trim(), key),
        session.csrfToken,
      );
      return asked.status === 'active'
        ? 'Dit apparaat is aangemeld en kan nu berichten ondertekenen.'
        : 'Dit apparaat is aangemeld. Een beheerder van uw organisatie moet het nog goedkeuren.';
    });
  };

  return (
    <>
      <ScreenHeading>Apparaten</ScreenHeading>
      <Paragraph>
        Elk bericht dat u verstuurt, ondertekent uw browser met een eigen sleutel. Die sleutel
        verlaat deze browser nooit; de hub krijgt alleen het openbare deel. Een beheerder van uw
        organisatie keurt een nieuw apparaat goed.
      </Paragraph>
      <StatusMessage outcome={outcome} />
      <section aria-labelledby="dit-apparaat">
        <h2 id="dit-apparaat" className="utrecht-heading-2">
          Dit apparaat
        </h2>
        <Paragraph>{deviceText(device.state)}</Paragraph>
        {(device.state === 'none' || device.state === 'unknown' || device.state === 'revoked') && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              enrol();
            }}
          >
            <TextField
              id="apparaat-naam"
              label="Naam van dit apparaat"
              hint="Zo herkent u het later in de lijst, bijvoorbeeld 'laptop kantoor'."
              value={label}
              onChange={setLabel}
              error={labelError}
            />
            <Button type="submit" appearance="primary-action-button" disabled={busy}>
              Dit apparaat aanmelden
            </Button>
          </form>
        )}
      </section>
      <section aria-labelledby="alle-apparaten">
        <h2 id="alle-apparaten" className="utrecht-heading-2">
          {session.role === 'beheerder' ? 'Apparaten van uw organisatie' : 'Uw apparaten'}
        </h2>
        <QueryView query={keys}>
          {(items) =>
            items.length === 0 ? (
              <Paragraph>Er zijn nog geen apparaten aangemeld.</Paragraph>
            ) : (
              <TableScroll label="Apparaten">
                <table className="utrecht-table">
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <th className="utrecht-table__header-cell" scope="col">
                        Apparaat
                      </th>
                      <th className="utrecht-table__header-cell" scope="col">
                        Gebruiker
                      </th>
                      <th className="utrecht-table__header-cell" scope="col">
                        Status
                      </th>
                      <th className="utrecht-table__header-cell" scope="col">
                        Aangemeld
                      </th>
                      <th className="utrecht-table__header-cell" scope="col">
                        Actie
                      </th>
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {items.map((key) => (
                      <tr className="utrecht-table__row" key={`${key.user}/${key.id}`}>
                        <td className="utrecht-table__cell">{key.label}</td>
                        <td className="utrecht-table__cell">{key.user}</td>
                        <td className="utrecht-table__cell">{STATUS_NL[key.status]}</td>
                        <td className="utrecht-table__cell">{formatDateTime(key.requestedAt)}</td>
                        <td className="utrecht-table__cell">
                          {key.status === 'pending' && session.role === 'beheerder' && (
                            <Button
                              appearance="secondary-action-button"
                              disabled={busy}
                              onClick={() =>
                                void act(async () => {
                                  await approveKey(key.user, key.id, session.csrfToken);
                                  return `${key.label} van ${key.user} is goedgekeurd.`;
                                })
                              }
                            >
                              Goedkeuren
                              <span className="kp-visually-hidden">
                                {' '}
                                {key.label} van {key.user}
                              </span>
                            </Button>
                          )}{' '}
                          {key.status !== 'revoked' && (
                            <Button
                              appearance="subtle-button"
                              disabled={busy}
                              onClick={() =>
                                void act(async () => {
                                  await revokeKey(key.user, key.id, session.csrfToken);
                                  return `${key.label} van ${key.user} is ingetrokken.`;
                                })
                              }
                            >
                              Intrekken
                              <span className="kp-visually-hidden">
                                {' '}
                                {key.label} van {key.user}
                              </span>
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )
          }
        </QueryView>
      </section>
    </>
  );
}

function deviceText(state: ReturnType<typeof useDevice>['state']): string {
  switch (state) {
    case 'loading':
      return 'Even kijken of deze browser al een sleutel heeft…';
    case 'none':
    case 'unknown':
      return 'Deze browser kan nog geen berichten ondertekenen. Meld hem aan om berichten te kunnen versturen.';
    case 'pending':
      return 'Deze browser is aangemeld en wacht op goedkeuring door een beheerder van uw organisatie.';
    case 'active':
      return 'Deze browser kan berichten ondertekenen.';
    case 'revoked':
      return 'De sleutel van deze browser is ingetrokken. Meld de browser opnieuw aan.';
  }
}
