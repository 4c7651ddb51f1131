/* Generated from @knooppunt/standard/schemas/ by scripts/generate-types.ts (npm run generate:types). */
/* Do not edit: a test fails when this file does not match the schemas. */

/**
 * An organisation's own reference for a request or loan file, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "referentie".
 */
export type Referentie = string;
/**
 * The person at the sending organisation who handles this case; reachable by telephone or e-mail (at least one).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "contactpersoon".
 */
export type Contactpersoon = Contactpersoon1 & {
  /**
   * Name of the contact person or team.
   */
  naam: string;
  /**
   * Telephone number, digits with optional `+`, spaces and hyphens (`030-2861234`, `+31 30 286 1234`).
   */
  telefoonnummer?: string;
  /**
   * E-mail address.
   */
  email?: string;
};
export type Contactpersoon1 =
  | {
      telefoonnummer: unknown;
    }
  | {
      email: unknown;
    };
/**
 * Postcode area: the four digits of a Dutch postcode, where the full address is not needed.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "postcodegebied".
 */
export type Postcodegebied = string;
/**
 * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bedragCent".
 */
export type BedragCent = number;
/**
 * Explanation for the people handling the case, in plain text (at most 2,000 characters).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "toelichting".
 */
export type Toelichting = string;
/**
 * The guaranteed loan has ended: the credit bank asks the Waarborgfonds to end the guarantee.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BeeindigingBorgstelling".
 */
export type BeeindigingBorgstelling = BeeindigingBorgstelling1;
/**
 * The number the Waarborgfonds gives a guarantee when it issues it, e.g. `WF-2024-004512`.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "borgstellingsnummer".
 */
export type Borgstellingsnummer = string;
/**
 * A calendar date (RFC 3339 full-date, `2024-03-31`).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "datum".
 */
export type Datum = string;
/**
 * The settlement proposal sent to every creditor: schuldbemiddeling, saneringskrediet or nul-aanbod, with the offer to this creditor and its substantiation.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Betaalvoorstel".
 */
export type Betaalvoorstel = Betaalvoorstel1;
/**
 * A client number as one organisation assigns it to a debtor: letters and digits, with `. / _ -` or spaces inside, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "klantnummer".
 */
export type Klantnummer = string;
/**
 * A percentage from 0 to 100 as a decimal string with a dot and at most two decimals (`26.67`), so that no floating-point rounding enters the wire format.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "percentage".
 */
export type Percentage = string;
/**
 * The creditor's decision on a betaalvoorstel (or on a heroverweging): akkoord, or afwijzing with a reason.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BetaalvoorstelAntwoord".
 */
export type BetaalvoorstelAntwoord = BetaalvoorstelAntwoord1;
/**
 * The creditor's answer to a betalingsregeling-voorstel: akkoord, afwijzing with a reason, or a counter-proposal.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BetalingsregelingAntwoord".
 */
export type BetalingsregelingAntwoord = BetalingsregelingAntwoord1;
/**
 * Bank account number (IBAN, ISO 13616) in electronic form: uppercase, no spaces, passing the mod-97 check.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "iban".
 */
export type Iban = string;
/**
 * The payment reference the creditor wants with every payment: a 16-digit betalingskenmerk or a free reference of at most 35 characters (the SEPA limit).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "betalingskenmerk".
 */
export type Betalingskenmerk = string;
/**
 * The reference of one claim as the creditor knows it: invoice, policy, contract or case number, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "factuurnummer".
 */
export type Factuurnummer = string;
/**
 * The Waarborgfonds' decision on an aanvraag-borgstelling (afgegeven or afgewezen), on an uitbetaling-borgstelling (uitbetaald or afgewezen) or on a beeindiging-borgstelling (beeindigd or afgewezen).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BorgstellingBesluit".
 */
export type BorgstellingBesluit = BorgstellingBesluit1;
/**
 * A UUID (RFC 9562) in lowercase hexadecimal with hyphens.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "uuid".
 */
export type Uuid = string;
/**
 * The creditor's answer to a saldoverzoek: the claim lines on the reference date, or that the client is unknown.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SaldoverzoekAntwoord".
 */
export type SaldoverzoekAntwoord = SaldoverzoekAntwoord1;
/**
 * All creditors agreed: the arrangement starts, with the final amounts per claim.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SchuldregelingAkkoord".
 */
export type SchuldregelingAkkoord = SchuldregelingAkkoord1;
/**
 * The borrower defaulted: the credit bank claims payment under the guarantee.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "UitbetalingBorgstelling".
 */
export type UitbetalingBorgstelling = UitbetalingBorgstelling1;
/**
 * Organisatie-identificatienummer (OIN) of a participant: 20 digits as issued by Logius, e.g. `00000003` + KvK number + `0000` for a private organisation.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "oin".
 */
export type Oin = string;
/**
 * A moment in time (RFC 3339 date-time with a UTC offset).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "tijdstip".
 */
export type Tijdstip = string;
/**
 * Burgerservicenummer: 9 digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, not 000000000).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bsn".
 */
export type Bsn = string;
/**
 * Dutch postcode: four digits (the first not 0), an optional space and two capital letters; the pairs SA, SD and SS are never issued.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "postcode".
 */
export type Postcode = string;

/**
 * The payload of each message type of the standard, by type name.
 */
export interface MessagePayloads {
  'aanvraag-borgstelling': AanvraagBorgstelling;
  'beeindiging-borgstelling': BeeindigingBorgstelling;
  betaalvoorstel: Betaalvoorstel;
  'betaalvoorstel-antwoord': BetaalvoorstelAntwoord;
  'betalingsregeling-antwoord': BetalingsregelingAntwoord;
  'betalingsregeling-voorstel': BetalingsregelingVoorstel;
  'borgstelling-besluit': BorgstellingBesluit;
  'geen-medewerking': GeenMedewerking;
  heroverweging: Heroverweging;
  kennisgeving: Kennisgeving;
  'kennisgeving-antwoord': KennisgevingAntwoord;
  'melding-bewind': MeldingBewind;
  saldoverzoek: Saldoverzoek;
  'saldoverzoek-antwoord': SaldoverzoekAntwoord;
  'saldoverzoek-antwoord-vooraf-akkoord': SaldoverzoekAntwoordVoorafAkkoord;
  'schuldregeling-akkoord': SchuldregelingAkkoord;
  'schuldregeling-beeindigd': SchuldregelingBeeindigd;
  statusbericht: Statusbericht;
  statusverzoek: Statusverzoek;
  'uitbetaling-borgstelling': UitbetalingBorgstelling;
  verloopmelding: Verloopmelding;
}
/**
 * A credit bank asks the Waarborgfonds to guarantee a loan on the automatic route (gross credit sum at most €4,999.99). Carries no personal data beyond the postcode area.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "AanvraagBorgstelling".
 */
export interface AanvraagBorgstelling {
  /**
   * Kind of loan.
   */
  soortLening: 'persoonlijke-lening' | 'saneringskrediet' | 'overig';
  eigenReferentie: Referentie;
  contactpersoon: Contactpersoon;
  postcodegebied: Postcodegebied;
  brutoKredietsom: BedragCent;
  /**
   * Term of the loan in months.
   */
  looptijdMaanden: number;
  /**
   * Category of the loan: regular, refinancing, young people, or entrepreneurs.
   */
  categorie: 'regulier' | 'herfinanciering' | 'jongeren' | 'ondernemers';
  toelichting?: Toelichting;
}
export interface BeeindigingBorgstelling1 {
  borgstellingsnummer: Borgstellingsnummer;
  eigenReferentie: Referentie;
  /**
   * Why the loan ended: repaid on schedule, repaid early, or another reason (then a toelichting is required).
   */
  reden: 'volledig-afgelost' | 'vervroegd-afgelost' | 'overig';
  einddatum: Datum;
  contactpersoon: Contactpersoon;
  toelichting?: Toelichting;
}
export interface Betaalvoorstel1 {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * The kind of debt arrangement: schuldbemiddeling (the debtor pays the repayment capacity for the term, creditors share it), saneringskrediet (a credit bank pays every creditor one lump sum, financed by a loan to the debtor) or nul-aanbod (no repayment capacity).
   */
  soort: 'schuldbemiddeling' | 'saneringskrediet' | 'nul-aanbod';
  /**
   * Term of the arrangement in months (NVVK norm for schuldbemiddeling since 1 July 2023: 18).
   */
  looptijdMaanden: number;
  aflossingscapaciteitPerMaand: BedragCent;
  /**
   * Number of preferent creditors in the arrangement.
   */
  aantalPreferenteSchuldeisers: number;
  /**
   * Number of concurrent creditors in the arrangement.
   */
  aantalConcurrenteSchuldeisers: number;
  totaalPreferenteSchuld: BedragCent;
  totaalConcurrenteSchuld: BedragCent;
  aangebodenPercentage: Percentage;
  /**
   * The offer per claim of this creditor.
   *
   * @minItems 1
   * @maxItems 100
   */
  vorderingen: [Voorstelregel, ...Voorstelregel[]];
  /**
   * When this creditor will be paid, and how much; absent for a nul-aanbod.
   *
   * @minItems 1
   * @maxItems 60
   */
  betaalmomenten?: [Betaalmoment, ...Betaalmoment[]];
  onderbouwing: Onderbouwing;
  toelichting?: Toelichting;
}
/**
 * The debtor: who they are and where they live.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "schuldenaar".
 */
export interface Schuldenaar {
  persoon: Persoon;
  adres: Adres;
}
/**
 * Who the debtor is.
 */
export interface Persoon {
  /**
   * Initials, each followed by a dot (`M.J.`, `Th.`, `IJ.`).
   */
  voorletters: string;
  /**
   * Given names in full, as in the BRP.
   */
  voornamen?: string;
  /**
   * Surname prefix (voorvoegsel) such as `de`, `van der`, `'t`.
   */
  tussenvoegsel?: string;
  /**
   * Surname (geslachtsnaam) without the tussenvoegsel.
   */
  achternaam: string;
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  geboortedatum: string;
  /**
   * Gender as registered in the BRP (`M`, `V`, `O`): man, vrouw or onbekend.
   */
  geslacht?: 'man' | 'vrouw' | 'onbekend';
}
/**
 * Where the debtor lives.
 */
export interface Adres {
  /**
   * Street name (openbare ruimte).
   */
  straat: string;
  /**
   * House number.
   */
  huisnummer: number;
  /**
   * House letter and/or addition as in the BAG (`A`, `2`, `bis`, `3hg`).
   */
  huisnummertoevoeging?: string;
  /**
   * Postcode; for a Dutch address in the Dutch format (see `postcode`).
   */
  postcode: string;
  /**
   * Town (woonplaats) as in the BAG.
   */
  woonplaats: string;
  /**
   * Country, ISO 3166-1 alpha-2; absent means the Netherlands.
   */
  land?: string;
}
/**
 * The debtor's partner (spouse, registered partner or cohabitant) where the partner shares the debts or the household income.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "partner".
 */
export interface Partner {
  persoon: Persoon1;
  adres?: Adres1;
}
/**
 * Who the partner is.
 */
export interface Persoon1 {
  /**
   * Initials, each followed by a dot (`M.J.`, `Th.`, `IJ.`).
   */
  voorletters: string;
  /**
   * Given names in full, as in the BRP.
   */
  voornamen?: string;
  /**
   * Surname prefix (voorvoegsel) such as `de`, `van der`, `'t`.
   */
  tussenvoegsel?: string;
  /**
   * Surname (geslachtsnaam) without the tussenvoegsel.
   */
  achternaam: string;
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  geboortedatum: string;
  /**
   * Gender as registered in the BRP (`M`, `V`, `O`): man, vrouw or onbekend.
   */
  geslacht?: 'man' | 'vrouw' | 'onbekend';
}
/**
 * Where the partner lives, only when it differs from the debtor's address.
 */
export interface Adres1 {
  /**
   * Street name (openbare ruimte).
   */
  straat: string;
  /**
   * House number.
   */
  huisnummer: number;
  /**
   * House letter and/or addition as in the BAG (`A`, `2`, `bis`, `3hg`).
   */
  huisnummertoevoeging?: string;
  /**
   * Postcode; for a Dutch address in the Dutch format (see `postcode`).
   */
  postcode: string;
  /**
   * Town (woonplaats) as in the BAG.
   */
  woonplaats: string;
  /**
   * Country, ISO 3166-1 alpha-2; absent means the Netherlands.
   */
  land?: string;
}
/**
 * What a proposal offers on one claim.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "voorstelregel".
 */
export interface Voorstelregel {
  /**
   * Reference of the claim.
   */
  factuurnummer: string;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  actueelBedrag: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  aangebodenBedrag: number;
}
/**
 * One planned payment to the recipient creditor.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "betaalmoment".
 */
export interface Betaalmoment {
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  datum: string;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  bedrag: number;
}
/**
 * How the repayment capacity was determined, per month in cents.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "onderbouwing".
 */
export interface Onderbouwing {
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  nettoInkomenPerMaand: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  vasteLastenPerMaand: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  vrijTeLatenBedragPerMaand: number;
  /**
   * Explanation for the people handling the case, in plain text (at most 2,000 characters).
   */
  toelichting?: string;
}
export interface BetaalvoorstelAntwoord1 {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * The decision: agree (`akkoord`) or refuse (`afwijzing`).
   */
  besluit: 'akkoord' | 'afwijzing';
  /**
   * Why the creditor refuses; required with `afwijzing`, absent with `akkoord`. With `anders` a toelichting is required.
   */
  reden?:
    | 'percentage-te-laag'
    | 'looptijd-te-lang'
    | 'vordering-onjuist-of-onvolledig'
    | 'boete-of-fraudevordering'
    | 'onderbouwing-onvoldoende'
    | 'beleid-schuldeiser'
    | 'anders';
  toelichting?: Toelichting;
}
export interface BetalingsregelingAntwoord1 {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * The decision: agree, refuse, or make a counter-proposal.
   */
  besluit: 'akkoord' | 'afwijzing' | 'tegenvoorstel';
  /**
   * Why the creditor refuses or counters; required with `afwijzing`, absent with `akkoord`. With `anders` a toelichting is required.
   */
  reden?:
    | 'termijnbedrag-te-laag'
    | 'looptijd-te-lang'
    | 'vordering-onjuist-of-onvolledig'
    | 'beleid-schuldeiser'
    | 'anders';
  /**
   * The creditor's counter-proposal; present exactly with `tegenvoorstel`.
   */
  tegenvoorstel?: {
    termijnbedrag: BedragCent;
    /**
     * Number of monthly instalments.
     */
    aantalTermijnen: number;
    eersteTermijnDatum: Datum;
  };
  iban?: Iban;
  betalingskenmerk?: Betalingskenmerk;
  toelichting?: Toelichting;
}
/**
 * Proposes to repay 100% of the claims in monthly instalments. May carry the BSN for a public creditor that uses it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BetalingsregelingVoorstel".
 */
export interface BetalingsregelingVoorstel {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: SchuldenaarMetBsn;
  partner?: PartnerMetBsn;
  contactpersoon: Contactpersoon;
  /**
   * The claims the arrangement covers.
   *
   * @minItems 1
   * @maxItems 100
   *
   * Items: One claim the arrangement covers.
   */
  vorderingen: [
    {
      factuurnummer: Factuurnummer;
      bedrag: BedragCent;
    },
    ...{
      factuurnummer: Factuurnummer;
      bedrag: BedragCent;
    }[],
  ];
  totaalBedrag: BedragCent;
  termijnbedrag: BedragCent;
  /**
   * Number of monthly instalments.
   */
  aantalTermijnen: number;
  eersteTermijnDatum: Datum;
  ibanSchuldenaar?: Iban;
  /**
   * Attachments: the court decision a bewindvoerder acts under, or the client's consent statement of another debt helper (at most two).
   *
   * @minItems 1
   * @maxItems 2
   */
  bijlagen?: [Bijlage] | [Bijlage, Bijlage];
  toelichting?: Toelichting;
}
/**
 * The debtor, with the BSN for a public body that uses it. Only in the messages that may carry a BSN.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "schuldenaarMetBsn".
 */
export interface SchuldenaarMetBsn {
  persoon: Persoon2;
  adres: Adres2;
  /**
   * The debtor's burgerservicenummer; only in messages to a public body that uses it (the hub checks the recipient).
   */
  bsn?: string;
}
/**
 * Who the debtor is.
 */
export interface Persoon2 {
  /**
   * Initials, each followed by a dot (`M.J.`, `Th.`, `IJ.`).
   */
  voorletters: string;
  /**
   * Given names in full, as in the BRP.
   */
  voornamen?: string;
  /**
   * Surname prefix (voorvoegsel) such as `de`, `van der`, `'t`.
   */
  tussenvoegsel?: string;
  /**
   * Surname (geslachtsnaam) without the tussenvoegsel.
   */
  achternaam: string;
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  geboortedatum: string;
  /**
   * Gender as registered in the BRP (`M`, `V`, `O`): man, vrouw or onbekend.
   */
  geslacht?: 'man' | 'vrouw' | 'onbekend';
}
/**
 * Where the debtor lives.
 */
export interface Adres2 {
  /**
   * Street name (openbare ruimte).
   */
  straat: string;
  /**
   * House number.
   */
  huisnummer: number;
  /**
   * House letter and/or addition as in the BAG (`A`, `2`, `bis`, `3hg`).
   */
  huisnummertoevoeging?: string;
  /**
   * Postcode; for a Dutch address in the Dutch format (see `postcode`).
   */
  postcode: string;
  /**
   * Town (woonplaats) as in the BAG.
   */
  woonplaats: string;
  /**
   * Country, ISO 3166-1 alpha-2; absent means the Netherlands.
   */
  land?: string;
}
/**
 * The debtor's partner, with the BSN for a public body that uses it. Only in the messages that may carry a BSN.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "partnerMetBsn".
 */
export interface PartnerMetBsn {
  persoon: Persoon3;
  adres?: Adres3;
  /**
   * The partner's burgerservicenummer; only in messages to a public body that uses it (the hub checks the recipient).
   */
  bsn?: string;
}
/**
 * Who the partner is.
 */
export interface Persoon3 {
  /**
   * Initials, each followed by a dot (`M.J.`, `Th.`, `IJ.`).
   */
  voorletters: string;
  /**
   * Given names in full, as in the BRP.
   */
  voornamen?: string;
  /**
   * Surname prefix (voorvoegsel) such as `de`, `van der`, `'t`.
   */
  tussenvoegsel?: string;
  /**
   * Surname (geslachtsnaam) without the tussenvoegsel.
   */
  achternaam: string;
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  geboortedatum: string;
  /**
   * Gender as registered in the BRP (`M`, `V`, `O`): man, vrouw or onbekend.
   */
  geslacht?: 'man' | 'vrouw' | 'onbekend';
}
/**
 * Where the partner lives, only when it differs from the debtor's address.
 */
export interface Adres3 {
  /**
   * Street name (openbare ruimte).
   */
  straat: string;
  /**
   * House number.
   */
  huisnummer: number;
  /**
   * House letter and/or addition as in the BAG (`A`, `2`, `bis`, `3hg`).
   */
  huisnummertoevoeging?: string;
  /**
   * Postcode; for a Dutch address in the Dutch format (see `postcode`).
   */
  postcode: string;
  /**
   * Town (woonplaats) as in the BAG.
   */
  woonplaats: string;
  /**
   * Country, ISO 3166-1 alpha-2; absent means the Netherlands.
   */
  land?: string;
}
/**
 * An attachment the sender must or may add: the court decision a bewindvoerder acts under, or the client's consent statement of another debt helper.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bijlage".
 */
export interface Bijlage {
  /**
   * What the attachment is.
   */
  soort: 'rechterlijke-uitspraak' | 'toestemmingsverklaring' | 'overig';
  /**
   * File name of the document, ending in `.pdf`.
   */
  bestandsnaam: string;
  /**
   * Media type of the document; only PDF is accepted.
   */
  mediaType: 'application/pdf';
  /**
   * The document itself, base64-encoded (RFC 4648 §4, with padding); at most 7,000,000 characters, about 5 MB of PDF.
   */
  inhoud: string;
  /**
   * SHA-256 of the decoded document in lowercase hexadecimal, so the recipient can check the file it stores.
   */
  sha256: string;
}
export interface BorgstellingBesluit1 {
  eigenReferentie: Referentie;
  /**
   * The decision: guarantee issued (`afgegeven`), claim paid (`uitbetaald`), end registered (`beeindigd`), or the request refused (`afgewezen`).
   */
  besluit: 'afgegeven' | 'afgewezen' | 'uitbetaald' | 'beeindigd';
  borgstellingsnummer?: Borgstellingsnummer;
  /**
   * Why the request is refused; required exactly with `afgewezen`. With `anders` a toelichting is required.
   */
  reden?:
    | 'buiten-automatische-route'
    | 'niet-voldaan-aan-voorwaarden'
    | 'borgstelling-onbekend'
    | 'onvoldoende-onderbouwd'
    | 'anders';
  uitbetaaldBedrag?: BedragCent;
  contactpersoon: Contactpersoon;
  toelichting?: Toelichting;
}
/**
 * The creditor will not cooperate with the request, and why.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "GeenMedewerking".
 */
export interface GeenMedewerking {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * Why the creditor does not cooperate: the client is unknown, recently received final discharge (finale kwijting), recently had a stabilisation attempt, or the creditor does not work with this debt helper.
   */
  reden:
    | 'client-onbekend'
    | 'recent-finale-kwijting'
    | 'recent-stabilisatiepoging'
    | 'geen-samenwerking-met-schuldhulpverlener';
  toelichting?: Toelichting;
}
/**
 * Asks a creditor that refused the proposal to reconsider, possibly with an adjusted offer.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Heroverweging".
 */
export interface Heroverweging {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  betaalvoorstelBerichtId: Uuid;
  toelichting: Toelichting;
  /**
   * An adjusted offer, when the debt helper improves the proposal.
   */
  aangepastVoorstel?: {
    aangebodenPercentage: Percentage;
    /**
     * The adjusted offer per claim.
     *
     * @minItems 1
     * @maxItems 100
     */
    vorderingen: [Voorstelregel, ...Voorstelregel[]];
    /**
     * The adjusted payment moments, when they change.
     *
     * @minItems 1
     * @maxItems 60
     */
    betaalmomenten?: [Betaalmoment, ...Betaalmoment[]];
  };
}
/**
 * Tells a creditor that the debtor is in debt help; under the NVVK covenants the creditor suspends collection. May carry the BSN for a public creditor that uses it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Kennisgeving".
 */
export interface Kennisgeving {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: SchuldenaarMetBsn;
  partner?: PartnerMetBsn;
  contactpersoon: Contactpersoon;
  startdatumSchuldhulpverlening: Datum;
  /**
   * The claim references the debt helper knows for this creditor.
   *
   * @minItems 1
   * @maxItems 100
   */
  factuurnummers?: [Factuurnummer, ...Factuurnummer[]];
  toelichting?: Toelichting;
}
/**
 * Optional answer to a kennisgeving: the creditor's own client number and the invoice numbers it holds for the debtor.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "KennisgevingAntwoord".
 */
export interface KennisgevingAntwoord {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * The references of the creditor's claims on the debtor.
   *
   * @minItems 1
   * @maxItems 100
   */
  factuurnummers?: [Factuurnummer, ...Factuurnummer[]];
  incassoOpgeschortTot?: Datum;
  toelichting?: Toelichting;
}
/**
 * A bewindvoerder tells a creditor that protective administration (bewind) or the Wsnp started or ended, with the court decision attached. May carry the BSN for a public creditor that uses it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "MeldingBewind".
 */
export interface MeldingBewind {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: SchuldenaarMetBsn;
  partner?: PartnerMetBsn;
  contactpersoon: Contactpersoon;
  /**
   * What happened: bewind or Wsnp started or ended.
   */
  soortMelding: 'bewind-gestart' | 'bewind-beeindigd' | 'wsnp-gestart' | 'wsnp-beeindigd';
  datumUitspraak: Datum;
  /**
   * The district court (rechtbank) that decided.
   */
  rechtbank:
    | 'amsterdam'
    | 'den-haag'
    | 'gelderland'
    | 'limburg'
    | 'midden-nederland'
    | 'noord-holland'
    | 'noord-nederland'
    | 'oost-brabant'
    | 'overijssel'
    | 'rotterdam'
    | 'zeeland-west-brabant';
  /**
   * The court's case number (e.g. `C/16/571234 / FT RK 24-812`).
   */
  zaaknummer: string;
  beschikking: Document;
  beheerrekening?: Iban;
  toelichting?: Toelichting;
}
/**
 * A PDF document carried in the message, such as a court decision.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "document".
 */
export interface Document {
  /**
   * File name of the document, ending in `.pdf`.
   */
  bestandsnaam: string;
  /**
   * Media type of the document; only PDF is accepted.
   */
  mediaType: 'application/pdf';
  /**
   * The document itself, base64-encoded (RFC 4648 §4, with padding); at most 7,000,000 characters, about 5 MB of PDF.
   */
  inhoud: string;
  /**
   * SHA-256 of the decoded document in lowercase hexadecimal, so the recipient can check the file it stores.
   */
  sha256: string;
}
/**
 * Asks a creditor for the current claim(s) on the debtor on a reference date. May carry the BSN for a public creditor that uses it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Saldoverzoek".
 */
export interface Saldoverzoek {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: SchuldenaarMetBsn;
  partner?: PartnerMetBsn;
  contactpersoon: Contactpersoon;
  /**
   * The arrangement the balance is asked for; `nog-onbekend` during the inventory.
   */
  soortRegeling: 'schuldbemiddeling' | 'saneringskrediet' | 'betalingsregeling' | 'nog-onbekend';
  peildatum: Datum;
  /**
   * The claims the debt helper knows for this creditor.
   *
   * @minItems 1
   * @maxItems 100
   *
   * Items: A claim as the debt helper knows it.
   */
  bekendeVorderingen?: [
    {
      factuurnummer: Factuurnummer;
      /**
       * What the claim is for, as the debtor described it.
       */
      omschrijving?: string;
      bedrag?: BedragCent;
    },
    ...{
      factuurnummer: Factuurnummer;
      /**
       * What the claim is for, as the debtor described it.
       */
      omschrijving?: string;
      bedrag?: BedragCent;
    }[],
  ];
  /**
   * Attachments: the court decision a bewindvoerder acts under, or the client's consent statement of another debt helper (at most two).
   *
   * @minItems 1
   * @maxItems 2
   */
  bijlagen?: [Bijlage] | [Bijlage, Bijlage];
  toelichting?: Toelichting;
}
export interface SaldoverzoekAntwoord1 {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * True when the creditor cannot find the debtor; then there are no claim lines.
   */
  clientOnbekend: boolean;
  peildatum: Datum;
  /**
   * The claim lines on the reference date; an empty list means the creditor has no open claim on this debtor.
   *
   * @minItems 0
   * @maxItems 100
   */
  vorderingen?: Vorderingsregel[];
  iban?: Iban;
  betalingskenmerk?: Betalingskenmerk;
  toelichting?: Toelichting;
}
/**
 * One claim as the creditor reports it on the reference date.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "vorderingsregel".
 */
export interface Vorderingsregel {
  /**
   * The reference of one claim as the creditor knows it: invoice, policy, contract or case number, up to 50 characters.
   */
  factuurnummer: string;
  /**
   * What the claim is for, in the creditor's words (`Eindafrekening energie 2023`).
   */
  omschrijving?: string;
  /**
   * Kind of debt: still with the creditor (`open`), handed to a collection agency or bailiff (`overgedragen-aan-incasso`), or `onbekend`.
   */
  soortSchuld: 'open' | 'overgedragen-aan-incasso' | 'onbekend';
  /**
   * Name of the collection agency or bailiff holding the claim; required exactly when `soortSchuld` is `overgedragen-aan-incasso`.
   */
  naamIncassobureau?: string;
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  ontstaansdatum: string;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  oorspronkelijkBedrag: number;
  actueelBedrag: BedragSpecificatie;
  /**
   * True for a preferent claim (a legal priority, e.g. the Belastingdienst); false for a concurrent claim.
   */
  preferent: boolean;
}
/**
 * Amount owed on the reference date, split into principal, interest and costs.
 */
export interface BedragSpecificatie {
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  hoofdsom: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  rente: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  kosten: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  totaal: number;
}
/**
 * The claim lines in answer to a saldoverzoek, from a covenant creditor that agrees in advance to a proposal made under the NVVK code of conduct.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SaldoverzoekAntwoordVoorafAkkoord".
 */
export interface SaldoverzoekAntwoordVoorafAkkoord {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * Always true: the creditor agrees in advance to a proposal made under the NVVK code of conduct.
   */
  voorafAkkoord: true;
  peildatum: Datum;
  /**
   * The claim lines on the reference date (at least one).
   *
   * @minItems 1
   * @maxItems 100
   */
  vorderingen: [Vorderingsregel, ...Vorderingsregel[]];
  iban?: Iban;
  betalingskenmerk?: Betalingskenmerk;
  toelichting?: Toelichting;
}
export interface SchuldregelingAkkoord1 {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  datumAkkoord: Datum;
  /**
   * The kind of debt arrangement: schuldbemiddeling (the debtor pays the repayment capacity for the term, creditors share it), saneringskrediet (a credit bank pays every creditor one lump sum, financed by a loan to the debtor) or nul-aanbod (no repayment capacity).
   */
  soort: 'schuldbemiddeling' | 'saneringskrediet' | 'nul-aanbod';
  /**
   * Term of the arrangement in months.
   */
  looptijdMaanden: number;
  /**
   * When this creditor will be paid, and how much; absent for a nul-aanbod.
   *
   * @minItems 1
   * @maxItems 60
   */
  betaalmomenten?: [Betaalmoment, ...Betaalmoment[]];
  /**
   * The agreed result per claim of this creditor.
   *
   * @minItems 1
   * @maxItems 100
   *
   * Items: The agreed result on one claim.
   */
  vorderingen: [
    {
      factuurnummer: Factuurnummer;
      /**
       * Kind of debt, as in the claim line.
       */
      soortSchuld: 'open' | 'overgedragen-aan-incasso' | 'onbekend';
      /**
       * True for a preferent claim; false for a concurrent claim.
       */
      preferent: boolean;
      actueelBedrag: BedragCent;
      percentage: Percentage;
      prognoseEindbedrag: BedragCent;
      betalingskenmerk: Betalingskenmerk;
    },
    ...{
      factuurnummer: Factuurnummer;
      /**
       * Kind of debt, as in the claim line.
       */
      soortSchuld: 'open' | 'overgedragen-aan-incasso' | 'onbekend';
      /**
       * True for a preferent claim; false for a concurrent claim.
       */
      preferent: boolean;
      actueelBedrag: BedragCent;
      percentage: Percentage;
      prognoseEindbedrag: BedragCent;
      betalingskenmerk: Betalingskenmerk;
    }[],
  ];
  toelichting?: Toelichting;
}
/**
 * The arrangement has ended; closes the conversation.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SchuldregelingBeeindigd".
 */
export interface SchuldregelingBeeindigd {
  klantnummerSchuldhulpverlener: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  schuldenaar: Schuldenaar;
  partner?: Partner;
  contactpersoon: Contactpersoon;
  /**
   * How it ended: completed (`geslaagd`, the creditor grants final discharge), ended early, converted to the Wsnp, the court refused a dwangakkoord, the debtor withdrew, or the debtor died.
   */
  reden:
    | 'geslaagd'
    | 'tussentijds-beeindigd'
    | 'omgezet-naar-wsnp'
    | 'dwangakkoord-afgewezen'
    | 'ingetrokken-door-schuldenaar'
    | 'overleden';
  einddatum: Datum;
  uitgekeerdBedrag?: BedragCent;
  toelichting?: Toelichting;
}
/**
 * A status update in the conversation, asked for (answering a statusverzoek) or not.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Statusbericht".
 */
export interface Statusbericht {
  klantnummerSchuldhulpverlener?: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  eigenReferentie?: Referentie;
  borgstellingsnummer?: Borgstellingsnummer;
  /**
   * What the status concerns.
   */
  onderwerp:
    | 'kennisgeving'
    | 'saldo'
    | 'betaalvoorstel'
    | 'schuldregeling'
    | 'betalingsregeling'
    | 'bewind'
    | 'borgstelling'
    | 'overig';
  /**
   * Where the matter stands.
   */
  status: 'ontvangen' | 'in-behandeling' | 'wacht-op-informatie' | 'afgehandeld' | 'niet-bekend';
  verwachteAfhandeldatum?: Datum;
  toelichting: Toelichting;
  contactpersoon: Contactpersoon;
}
/**
 * Asks the other side for a status update in the conversation.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Statusverzoek".
 */
export interface Statusverzoek {
  klantnummerSchuldhulpverlener?: Klantnummer;
  klantnummerSchuldeiser?: Klantnummer;
  eigenReferentie?: Referentie;
  borgstellingsnummer?: Borgstellingsnummer;
  /**
   * What the status concerns.
   */
  onderwerp:
    | 'kennisgeving'
    | 'saldo'
    | 'betaalvoorstel'
    | 'schuldregeling'
    | 'betalingsregeling'
    | 'bewind'
    | 'borgstelling'
    | 'overig';
  toelichting: Toelichting;
  contactpersoon: Contactpersoon;
}
export interface UitbetalingBorgstelling1 {
  borgstellingsnummer: Borgstellingsnummer;
  eigenReferentie: Referentie;
  openstaandBedrag: BedragCent;
  /**
   * Why the borrower defaulted. With `anders` a toelichting is required.
   */
  redenVerzuim:
    'betalingsachterstand' | 'overlijden' | 'wsnp' | 'vertrokken-onbekend-waarheen' | 'anders';
  datumVerzuim: Datum;
  /**
   * Number of instalments in arrears.
   */
  aantalAchterstalligeTermijnen?: number;
  contactpersoon: Contactpersoon;
  toelichting?: Toelichting;
}
/**
 * A notice from the hub itself (not a participant): a message the sender sent was neither fetched nor confirmed within 5 working days, so the hub removed its payload. Sent to the original sender, signed with the hub's key; inReplyTo names the expired message.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "Verloopmelding".
 */
export interface Verloopmelding {
  verlopenBerichtId: Uuid;
  /**
   * The message type of the expired message.
   */
  berichttype: string;
  ontvanger: Oin;
  ontvangenOp: Tijdstip;
  verlopenOp: Tijdstip;
}
/**
 * A natural person as the debt helper knows them from the BRP. Carries no BSN: where the standard allows a BSN it is a sibling of the person, `bsn`.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "persoon".
 */
export interface Persoon4 {
  /**
   * Initials, each followed by a dot (`M.J.`, `Th.`, `IJ.`).
   */
  voorletters: string;
  /**
   * Given names in full, as in the BRP.
   */
  voornamen?: string;
  /**
   * Surname prefix (voorvoegsel) such as `de`, `van der`, `'t`.
   */
  tussenvoegsel?: string;
  /**
   * Surname (geslachtsnaam) without the tussenvoegsel.
   */
  achternaam: string;
  /**
   * A calendar date (RFC 3339 full-date, `2024-03-31`).
   */
  geboortedatum: string;
  /**
   * Gender as registered in the BRP (`M`, `V`, `O`): man, vrouw or onbekend.
   */
  geslacht?: 'man' | 'vrouw' | 'onbekend';
}
/**
 * A residential address. A Dutch address (land `NL` or absent) has a Dutch postcode.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "adres".
 */
export interface Adres4 {
  /**
   * Street name (openbare ruimte).
   */
  straat: string;
  /**
   * House number.
   */
  huisnummer: number;
  /**
   * House letter and/or addition as in the BAG (`A`, `2`, `bis`, `3hg`).
   */
  huisnummertoevoeging?: string;
  /**
   * Postcode; for a Dutch address in the Dutch format (see `postcode`).
   */
  postcode: string;
  /**
   * Town (woonplaats) as in the BAG.
   */
  woonplaats: string;
  /**
   * Country, ISO 3166-1 alpha-2; absent means the Netherlands.
   */
  land?: string;
}
/**
 * The current amount of a claim, in cents: principal, interest and costs, and their total (`totaal` = `hoofdsom` + `rente` + `kosten`; receiving systems check the sum).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bedragSpecificatie".
 */
export interface BedragSpecificatie1 {
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  hoofdsom: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  rente: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  kosten: number;
  /**
   * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
   */
  totaal: number;
}
