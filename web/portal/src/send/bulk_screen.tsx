/**
 * Bulk (CSV): a creditor answers many saldoverzoeken from a spreadsheet. It downloads its open
 * requests, fills in one row per claim, and uploads the file; the hub answers a preview — per
 * request the answer that will be sent, or what is wrong at which row and column — and only on
 * confirmation does this browser sign each ready answer with its enrolled key and send it,
 * showing each answer's receipt on its rows. A corrected file can be uploaded again.
 */
import { useState } from 'react';
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorText } from '../../../shared/api.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { formatNumber } from '../../../shared/format.ts';
import { getSchemas } from '../api.ts';
import { messageHref, portalHref } from '../router.ts';
import { useSession } from '../session.ts';
import { DeviceNotice } from './compose.tsx';
import { useDevice } from './device.ts';
import { send } from './outgoing.ts';
import { Refusal } from './send_api.ts';

/** One problem of the file, at its row and column. */
interface CsvProblem {
  readonly row: number;
  readonly column: string | null;
  readonly code: string;
  readonly message: string;
}

/** One answer of the preview. */
interface CsvAnswer {
  readonly requestId: string;
  readonly status: 'ready' | 'invalid' | 'skipped';
  readonly rows: readonly number[];
  readonly draft?: {
    readonly messageType: string;
    readonly version: string;
    readonly inReplyTo: string;
    readonly conversationId: string;
    readonly recipient: string;
    readonly module: string;
    readonly payload: Record<string, unknown>;
  };
  readonly errors: readonly CsvProblem[];
}

/** `POST /v1/portal/bulk/preview`. */
interface CsvPreview {
  readonly rows: number;
  readonly answers: readonly CsvAnswer[];
  readonly errors: readonly CsvProblem[];
  readonly warnings: readonly CsvProblem[];
  readonly counts: { readonly ready: number; readonly invalid: number; readonly skipped: number };
}

/** What happened to one answer when sending. */
type Result =
  { readonly ok: true; readonly messageId: string } | { readonly ok: false; readonly text: string };

async function preview(file: File, csrfToken: string): Promise<CsvPreview> {
  const response = await fetch('/v1/portal/bulk/preview', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'text/csv', 'X-CSRF-Token': csrfToken },
    body: await file.text(),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      String(body['code'] ?? `HTTP_${response.status}`),
      String(body['detail'] ?? 'Het bestand kon niet worden gelezen.'),
    );
  }
  return body as unknown as CsvPreview;
}

const STATUS_NL: Readonly<Record<CsvAnswer['status'], string>> = {
  ready: 'Klaar om te versturen',
  invalid: 'Niet in orde',
  skipped: 'Niets ingevuld: wordt niet verstuurd',
};

function rowsText(rows: readonly number[]): string {
  return rows.length === 1 ? `rij ${rows[0]}` : `rijen ${rows.join(', ')}`;
}

function problemText(problem: CsvProblem): string {
  const where =
    problem.column === null ? `rij ${problem.row}` : `rij ${problem.row}, kolom ${problem.column}`;
  return `${where}: ${problem.message}`;
}

export function BulkScreen() {
  const session = useSession();
  const device = useDevice(session.name);
  const listing = useQuery({ queryKey: ['schemas'], queryFn: getSchemas, staleTime: Infinity });
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [checked, setChecked] = useState<CsvPreview | null>(null);
  const [results, setResults] = useState<ReadonlyMap<string, Result>>(new Map());
  const [busy, setBusy] = useState(false);

  const check = async () => {
    if (file === null) {
      setFileError('Kies eerst het ingevulde CSV-bestand.');
      return;
    }
    setFileError(undefined);
    setBusy(true);
    setResults(new Map());
    try {
      setChecked(await preview(file, session.csrfToken));
    } catch (error) {
      setChecked(null);
      setFileError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const sendReady = async () => {
    if (checked === null || device.state !== 'active' || listing.data === undefined) return;
    setBusy(true);
    const done = new Map<string, Result>();
    for (const answer of checked.answers) {
      const draft = answer.draft;
      if (answer.status !== 'ready' || draft === undefined) continue;
      const type = listing.data.items.find(
        (item) => item.messageType === draft.messageType && item.version === draft.version,
      );
      try {
        if (type === undefined)
          throw new Error(`${draft.messageType} ${draft.version} is onbekend`);
        const sent = await send(
          { type, ...draft },
          device.key,
          device.thumbprint,
          session.csrfToken,
        );
        done.set(answer.requestId, { ok: true, messageId: sent.messageId });
      } catch (error) {
        const text =
          error instanceof Refusal ? `${error.detail} (${error.code})` : errorText(error);
        done.set(answer.requestId, { ok: false, text });
      }
      setResults(new Map(done));
    }
    setBusy(false);
  };

  const sentCount = [...results.values()].filter((result) => result.ok).length;
  return (
    <>
      <ScreenHeading>Bulk (CSV)</ScreenHeading>
      <Paragraph>
        Beantwoord veel saldoverzoeken tegelijk met een spreadsheet. Download uw open verzoeken, vul
        per vordering één rij in, en lever het bestand weer aan. U ziet eerst wat er wordt verstuurd
        en wat nog niet klopt; er gaat pas iets weg als u op versturen drukt.
      </Paragraph>
      <DeviceNotice device={device} />
      <section aria-labelledby="stap-1">
        <h2 id="stap-1" className="utrecht-heading-2">
          1. Open verzoeken downloaden
        </h2>
        <Paragraph>
          <a className="utrecht-link" href="/v1/portal/bulk/saldoverzoeken.csv" download>
            Download de open saldoverzoeken (CSV)
          </a>
        </Paragraph>
        <Paragraph>
          Het bestand gebruikt puntkomma's tussen de kolommen en werkt in Excel en LibreOffice.
          Bedragen mogen als 1.234,56. De kolommen staan beschreven in de handleiding.
        </Paragraph>
      </section>
      <section aria-labelledby="stap-2">
        <h2 id="stap-2" className="utrecht-heading-2">
          2. Ingevuld bestand controleren
        </h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
        >
          <div className={`utrecht-form-field${fileError ? ' utrecht-form-field--invalid' : ''}`}>
            <label className="utrecht-form-label" htmlFor="csv-bestand">
              CSV-bestand
            </label>
            {fileError !== undefined && (
              <p id="csv-bestand-fout" className="utrecht-form-field-error-message">
                {fileError}
              </p>
            )}
            <input
              id="csv-bestand"
              type="file"
              accept=".csv,text/csv"
              aria-describedby={fileError ? 'csv-bestand-fout' : undefined}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setChecked(null);
              }}
            />
          </div>
          <Button type="submit" appearance="secondary-action-button" disabled={busy}>
            Controleren
          </Button>
        </form>
      </section>
      {checked !== null && (
        <section aria-labelledby="stap-3">
          <h2 id="stap-3" className="utrecht-heading-2" tabIndex={-1} ref={(node) => node?.focus()}>
            3. Controleren en versturen
          </h2>
          <Paragraph>
            {formatNumber(checked.counts.ready)} klaar om te versturen,{' '}
            {formatNumber(checked.counts.invalid)} niet in orde,{' '}
            {formatNumber(checked.counts.skipped)} niet ingevuld.
          </Paragraph>
          {checked.errors.length > 0 && (
            <Alert type="error">
              <Paragraph>Het bestand zelf is niet in orde:</Paragraph>
              <ul>
                {checked.errors.map((problem) => (
                  <li key={`${problem.row}/${problem.column}/${problem.code}`}>
                    {problemText(problem)}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <TableScroll label="Antwoorden in het bestand">
            <table className="utrecht-table">
              <caption className="kp-visually-hidden">Antwoorden in het bestand</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">
                    Rijen
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    Verzoek
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    Vorderingen
                  </th>
                  <th className="utrecht-table__header-cell" scope="col">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {checked.answers.map((answer) => {
                  const result = results.get(answer.requestId);
                  const claims = answer.draft?.payload['vorderingen'];
                  return (
                    <tr className="utrecht-table__row" key={answer.requestId}>
                      <td className="utrecht-table__cell">{rowsText(answer.rows)}</td>
                      <td className="utrecht-table__cell">
                        <AppLink href={messageHref(answer.requestId)}>
                          {answer.requestId.slice(0, 8)}
                        </AppLink>
                      </td>
                      <td className="utrecht-table__cell">
                        {Array.isArray(claims) ? claims.length : '—'}
                      </td>
                      <td className="utrecht-table__cell">
                        {result === undefined ? (
                          STATUS_NL[answer.status]
                        ) : result.ok ? (
                          <>
                            Verstuurd — ontvangstbewijs:{' '}
                            <AppLink href={messageHref(result.messageId)}>
                              {result.messageId.slice(0, 8)}
                            </AppLink>
                          </>
                        ) : (
                          `Niet verstuurd: ${result.text}`
                        )}
                        {answer.errors.length > 0 && (
                          <ul className="kp-row-errors">
                            {answer.errors.map((problem) => (
                              <li key={`${problem.row}/${problem.column}/${problem.code}`}>
                                {problemText(problem)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <div aria-live="polite" role="status">
            {results.size > 0 && (
              <Alert type={sentCount === results.size ? 'ok' : 'warning'} role="none">
                <Paragraph>
                  {formatNumber(sentCount)} van {formatNumber(results.size)} antwoorden verstuurd.{' '}
                  {checked.counts.invalid > 0 &&
                    'Verbeter de rijen die niet in orde zijn en lever het bestand opnieuw aan.'}{' '}
                  <AppLink href={portalHref('/')}>Naar het Postvak IN</AppLink>
                </Paragraph>
              </Alert>
            )}
          </div>
          {results.size === 0 && checked.counts.ready > 0 && (
            <Button
              appearance="primary-action-button"
              disabled={busy || device.state !== 'active'}
              onClick={() => void sendReady()}
            >
              {checked.counts.ready === 1
                ? '1 antwoord versturen'
                : `${formatNumber(checked.counts.ready)} antwoorden versturen`}
              {checked.counts.invalid > 0 ? ` (${formatNumber(checked.counts.invalid)} niet)` : ''}
            </Button>
          )}
        </section>
      )}
    </>
  );
}
