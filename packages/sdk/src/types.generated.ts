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
 * The reference of one claim as the creditor knows it: invoice, policy, contract or case number, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "factuurnummer".
 */
export type Factuurnummer = string;
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
 * Burgerservicenummer: 9 digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, not 000000000).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bsn".
 */
export type Bsn = string;
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
 * Vroegsignalering: a creditor of fixed costs tells the municipality where the person lives of payment arrears left unanswered after a reminder (Wet gemeentelijke schuldhulpverlening art. 3a), or, for energy, of an ending supply contract (eindelevering, since April 2023). It carries what the municipality needs to make contact and no more: no BSN, no claim lines. The envelope carries the postal area (PC4) of `adres.postcode`; the hub routes by it to the municipality that serves it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SignaalBetalingsachterstandV21".
 */
export type SignaalBetalingsachterstandV21 = SignaalBetalingsachterstandV211;
/**
 * A calendar date (RFC 3339 full-date, `2024-03-31`).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "datumV21".
 */
export type DatumV21 = string;
/**
 * A residential address as the BRP holds it. A Dutch address (land `NL` or absent) has a Dutch postcode. An address has a house number, or (a houseboat's berth, a caravan's pitch) a woonboot- or woonwagenverwijzing instead.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "adresV21".
 */
export type AdresV21 = AdresV211 & {
  /**
   * Street name (openbare ruimte); may be absent for a berth or pitch described only by its verwijzing.
   */
  straat?: string;
  /**
   * House number; absent for a houseboat or caravan without one (then `woonbootverwijzing` or `woonwagenverwijzing`).
   */
  huisnummer?: number;
  /**
   * House letter as in the BAG (`A` in 12A), apart from the addition.
   */
  huisletter?: string;
  /**
   * BRP aanduiding bij huisnummer: the address is beside (`bij`, BRP code `by`) or opposite (`tegenover`, BRP code `to`) the numbered building — usual for houseboats and caravans.
   */
  aanduidingBijHuisnummer?: 'bij' | 'tegenover';
  /**
   * Description of a houseboat's berth where the address has no house number (BRP locatiebeschrijving of a ligplaats).
   */
  woonbootverwijzing?: string;
  /**
   * Description of a caravan's pitch where the address has no house number (BRP locatiebeschrijving of a standplaats).
   */
  woonwagenverwijzing?: string;
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
};
export type AdresV211 =
  | {
      huisnummer: unknown;
    }
  | {
      woonbootverwijzing: unknown;
    }
  | {
      woonwagenverwijzing: unknown;
    };
/**
 * An amount of money in euro cents, as an integer (€12.34 is 1234); never a floating-point number. At most €999,999,999.99.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bedragCentV21".
 */
export type BedragCentV21 = number;
/**
 * A client number as one organisation assigns it to a debtor: letters and digits, with `. / _ -` or spaces inside, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "klantnummerV21".
 */
export type KlantnummerV21 = string;
/**
 * The person or team at the sending organisation who handles this case. In 2.1 no part is required on its own — the Schuldenknooppunt's messages may carry a telephone number or e-mail address without a name — but at least one of name, telephone number and e-mail address is there.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "contactpersoonV21".
 */
export type ContactpersoonV21 = ContactpersoonV211 & {
  /**
   * Name of the contact person or team.
   */
  naam?: string;
  /**
   * Telephone number, digits with optional `+`, spaces and hyphens (`030-2861234`, `+31 30 286 1234`), a municipality's short service number: 14 and its area code (`14 030`, `140118`), or an 8-digit 0800/0900 service number (`0900-0650`).
   */
  telefoonnummer?: string;
  /**
   * E-mail address.
   */
  email?: string;
};
export type ContactpersoonV211 =
  | {
      naam: unknown;
    }
  | {
      telefoonnummer: unknown;
    }
  | {
      email: unknown;
    };
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
 * Dutch postcode: four digits (the first not 0), an optional space and two capital letters; the pairs SA, SD and SS are never issued.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "postcode".
 */
export type Postcode = string;
/**
 * Organisatie-identificatienummer (OIN) of a participant: 20 digits as issued by Logius, e.g. `00000003` + KvK number + `0000` for a private organisation.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "oinV21".
 */
export type OinV21 = string;
/**
 * Burgerservicenummer: 9 digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11, not 000000000).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bsnV21".
 */
export type BsnV21 = string;
/**
 * Bank account number (IBAN, ISO 13616) in electronic form: uppercase, no spaces, passing the mod-97 check.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "ibanV21".
 */
export type IbanV21 = string;
/**
 * Dutch postcode: four digits (the first not 0), an optional space and two capital letters; the pairs SA, SD and SS are never issued.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "postcodeV21".
 */
export type PostcodeV21 = string;
/**
 * Postcode area: the four digits of a Dutch postcode, where the full address is not needed.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "postcodegebiedV21".
 */
export type PostcodegebiedV21 = string;
/**
 * A percentage from 0 to 100 as a decimal string with a dot and at most two decimals (`26.67`), so that no floating-point rounding enters the wire format.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "percentageV21".
 */
export type PercentageV21 = string;
/**
 * A moment in time (RFC 3339 date-time with a UTC offset).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "tijdstipV21".
 */
export type TijdstipV21 = string;
/**
 * A UUID (RFC 9562) in lowercase hexadecimal with hyphens.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "uuidV21".
 */
export type UuidV21 = string;
/**
 * The reference of one claim as the creditor knows it: invoice, policy, contract or case number, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "factuurnummerV21".
 */
export type FactuurnummerV21 = string;
/**
 * An organisation's own reference for a request or loan file, up to 50 characters.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "referentieV21".
 */
export type ReferentieV21 = string;
/**
 * The number the Waarborgfonds gives a guarantee when it issues it, e.g. `WF-2024-004512`.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "borgstellingsnummerV21".
 */
export type BorgstellingsnummerV21 = string;
/**
 * The payment reference the creditor wants with every payment: a 16-digit betalingskenmerk or a free reference of at most 35 characters (the SEPA limit).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "betalingskenmerkV21".
 */
export type BetalingskenmerkV21 = string;
/**
 * Explanation for the people handling the case, in plain text (at most 2,000 characters).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "toelichtingV21".
 */
export type ToelichtingV21 = string;
/**
 * One claim as the creditor reports it. In 2.1 only the kind of debt is required, with the creditor's reference or the debt helper's: a claim the creditor does not know (`onbekend`) carries no dates or amounts, and the Schuldenknooppunt's answer fills in only what the creditor has.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "vorderingsregelV21".
 */
export type VorderingsregelV21 = VorderingsregelV211 & {
  factuurnummer?: FactuurnummerV21;
  factuurnummerVolgensSchuldhulpverlener?: FactuurnummerV21;
  /**
   * What the claim is for, in the creditor's words (`Eindafrekening energie 2023`).
   */
  omschrijving?: string;
  /**
   * Kind of debt: still with the creditor (`open`; Schuldenknooppunt `openstaande schuld`), handed to a collection agency or bailiff (`overgedragen-aan-incasso`; `overgedragen schuld`), or not known to the creditor (`onbekend`; `onbekende schuld bij SE`).
   */
  soortSchuld: 'open' | 'overgedragen-aan-incasso' | 'onbekend';
  /**
   * Name of the collection agency or bailiff holding the claim, when the creditor gives it; only when `soortSchuld` is `overgedragen-aan-incasso`.
   */
  naamIncassobureau?: string;
  /**
   * True when the creditor agrees in advance, for this claim, to a proposal made under the NVVK code of conduct (Schuldenknooppunt `Standaard akkoord`: `Ja` or empty).
   */
  standaardAkkoord?: boolean;
  datum?: DatumV21;
  ontstaansdatum?: DatumV21;
  oorspronkelijkBedrag?: BedragCentV21;
  actueelBedrag?: BedragSpecificatieV21;
  /**
   * True for a preferent claim (a legal priority, e.g. the Belastingdienst); false for a concurrent claim.
   */
  preferent?: boolean;
};
export type VorderingsregelV211 =
  | {
      factuurnummer: unknown;
    }
  | {
      factuurnummerVolgensSchuldhulpverlener: unknown;
    };
/**
 * The kind of arrangement, with the Schuldenknooppunt's TypeSchuldregeling code: schuldbemiddeling (`SB`: the debtor pays the repayment capacity for the term, creditors share it), saneringskrediet (`SK`: a credit bank pays every creditor one lump sum, financed by a loan), nul-aanbod (`SA`: a schuldregeling without repayment capacity), betalingsregeling (`BR`: the whole claim in instalments) or herfinanciering (`HF`: the debts refinanced by a loan).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "soortRegelingV21".
 */
export type SoortRegelingV21 =
  'schuldbemiddeling' | 'saneringskrediet' | 'nul-aanbod' | 'betalingsregeling' | 'herfinanciering';
/**
 * The guaranteed loan has ended: the credit bank asks the Waarborgfonds to end the guarantee. 2.1: no named contact person is required, as in the Schuldenknooppunt's Waarborgfonds module.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BeeindigingBorgstellingV21".
 */
export type BeeindigingBorgstellingV21 = BeeindigingBorgstellingV211;
/**
 * The settlement proposal sent to every creditor: schuldbemiddeling, saneringskrediet or nul-aanbod, with the offer to this creditor and its substantiation. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BetaalvoorstelV21".
 */
export type BetaalvoorstelV21 = BetaalvoorstelV211;
/**
 * The creditor's decision on a betaalvoorstel (or on a heroverweging): akkoord, or afwijzing with a reason. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BetaalvoorstelAntwoordV21".
 */
export type BetaalvoorstelAntwoordV21 = BetaalvoorstelAntwoordV211;
/**
 * The Waarborgfonds' decision on an aanvraag-borgstelling (afgegeven or afgewezen), on an uitbetaling-borgstelling (uitbetaald or afgewezen) or on a beeindiging-borgstelling (beeindigd or afgewezen). 2.1: no named contact person is required, as in the Schuldenknooppunt's Waarborgfonds module.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BorgstellingBesluitV21".
 */
export type BorgstellingBesluitV21 = BorgstellingBesluitV211;
/**
 * Optional answer to a kennisgeving: the creditor's own client number and the invoice numbers it holds for the debtor. 2.1 follows the Schuldenknooppunt's Kennisgeving antwoord: the creditor adds its client number and/or invoice numbers (at least one), with its contact person and answer.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "KennisgevingAntwoordV21".
 */
export type KennisgevingAntwoordV21 = KennisgevingAntwoordV211 & KennisgevingAntwoordV212;
export type KennisgevingAntwoordV211 =
  | {
      klantnummerSchuldeiser: unknown;
    }
  | {
      factuurnummers: unknown;
    };
/**
 * The creditor's answer to a saldoverzoek: the claim lines, claims it could not match to the debt helper's references, or that the client is unknown. 2.1 follows the Schuldenknooppunt's Saldoverzoek Antwoord: per claim a standard agreement, a date and the debt helper's reference echoed next to the creditor's own, claim data only as far as the creditor knows it, and unmatched claims or a total claim.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SaldoverzoekAntwoordV21".
 */
export type SaldoverzoekAntwoordV21 = SaldoverzoekAntwoordV211;
/**
 * All creditors agreed: the arrangement starts, with the final amounts per claim. 2.1 follows the Schuldenknooppunt's Regeling geaccordeerd: the debtor, contact person, term and payment dates are optional, and its payment moments and claim type are carried as given.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SchuldregelingAkkoordV21".
 */
export type SchuldregelingAkkoordV21 = SchuldregelingAkkoordV211;
/**
 * The borrower defaulted: the credit bank claims payment under the guarantee. 2.1: no named contact person is required, as in the Schuldenknooppunt's Waarborgfonds module.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "UitbetalingBorgstellingV21".
 */
export type UitbetalingBorgstellingV21 = UitbetalingBorgstellingV211;

/**
 * The payload of each message type of the standard at its default version (its oldest: 2.0 where it has it), by type name.
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
  'signaal-betalingsachterstand': SignaalBetalingsachterstandV21;
  'signaal-uitkomst': SignaalUitkomstV21;
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
 * A natural person as the debt helper knows them from the BRP. Carries no BSN: where the standard allows a BSN it is a sibling of the person, `bsn`.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "persoon".
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
  geboortedatum: Datum;
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
  persoon: Persoon;
  adres?: Adres;
}
/**
 * What a proposal offers on one claim.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "voorstelregel".
 */
export interface Voorstelregel {
  factuurnummer: Factuurnummer;
  actueelBedrag: BedragCent;
  aangebodenBedrag: BedragCent;
}
/**
 * One planned payment to the recipient creditor.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "betaalmoment".
 */
export interface Betaalmoment {
  datum: Datum;
  bedrag: BedragCent;
}
/**
 * How the repayment capacity was determined, per month in cents.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "onderbouwing".
 */
export interface Onderbouwing {
  nettoInkomenPerMaand: BedragCent;
  vasteLastenPerMaand: BedragCent;
  vrijTeLatenBedragPerMaand: BedragCent;
  toelichting?: Toelichting;
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
  persoon: Persoon;
  adres: Adres;
  bsn?: Bsn;
}
/**
 * The debtor's partner, with the BSN for a public body that uses it. Only in the messages that may carry a BSN.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "partnerMetBsn".
 */
export interface PartnerMetBsn {
  persoon: Persoon;
  adres?: Adres;
  bsn?: Bsn;
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
  factuurnummer: Factuurnummer;
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
  ontstaansdatum: Datum;
  oorspronkelijkBedrag: BedragCent;
  actueelBedrag: BedragSpecificatie;
  /**
   * True for a preferent claim (a legal priority, e.g. the Belastingdienst); false for a concurrent claim.
   */
  preferent: boolean;
}
/**
 * The current amount of a claim, in cents: principal, interest and costs, and their total (`totaal` = `hoofdsom` + `rente` + `kosten`; receiving systems check the sum).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bedragSpecificatie".
 */
export interface BedragSpecificatie {
  hoofdsom: BedragCent;
  rente: BedragCent;
  kosten: BedragCent;
  totaal: BedragCent;
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
export interface SignaalBetalingsachterstandV211 {
  persoon: PersoonV21;
  adres: AdresV21;
  /**
   * How the municipality can reach the person, where the creditor knows it.
   */
  contactgegevens?: {
    /**
     * Telephone number, digits with optional `+`, spaces and hyphens.
     */
    telefoonnummer?: string;
    /**
     * E-mail address.
     */
    email?: string;
  };
  /**
   * The kind of fixed cost in arrears; the creditor declared it in the directory.
   */
  vasteLast:
    | 'energie'
    | 'drinkwater'
    | 'woningcorporatie'
    | 'verhuurder'
    | 'zorgverzekeraar'
    | 'cak-wmo'
    | 'cak-wlz';
  /**
   * `betalingsachterstand`: arrears after an unanswered reminder; `eindelevering`: an energy contract ends without a new supplier (energy only).
   */
  soortSignaal: 'betalingsachterstand' | 'eindelevering';
  /**
   * The arrears on the day of the signal.
   */
  achterstand: {
    bedrag: BedragCentV21;
    sinds: DatumV21;
    /**
     * How many terms (months) are unpaid, where the creditor counts in terms.
     */
    aantalTermijnen?: number;
  };
  herinneringVerstuurdOp: DatumV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  contactpersoon: ContactpersoonV21;
}
/**
 * A natural person as the debt helper knows them from the BRP. Carries no BSN: where the standard allows a BSN it is a sibling of the person, `bsn`. In 2.1 only the surname is required: the Schuldenknooppunt's messages carry a partner without a birth date, and a client by name alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "persoonV21".
 */
export interface PersoonV21 {
  /**
   * Initials, each followed by a dot (`M.J.`, `Th.`, `IJ.`); 2.1 also takes initials without dots as a sender's system holds them (`MJ`), since adding them would change the data.
   */
  voorletters?: string;
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
  geboortedatum?: DatumV21;
  /**
   * Gender as registered in the BRP (`M`, `V`, `O`): man, vrouw or onbekend.
   */
  geslacht?: 'man' | 'vrouw' | 'onbekend';
}
/**
 * Vroegsignalering: the municipality tells the creditor that signalled what came of its attempt to make contact, in answer to the signal (`inReplyTo`). It carries no personal data: the creditor learns whether the person was reached, not what the municipality learned. The hub reads `uitkomst` for the operators' reach figures.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SignaalUitkomstV21".
 */
export interface SignaalUitkomstV21 {
  /**
   * `bereikt`: the municipality spoke with the person; `niet-bereikt`: it tried and did not reach them; `al-in-hulp`: the person already has debt help; `afgewezen`: the person was reached and declined help.
   */
  uitkomst: 'bereikt' | 'niet-bereikt' | 'al-in-hulp' | 'afgewezen';
  datum: DatumV21;
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
 * The debtor: who they are and where they live.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "schuldenaarV21".
 */
export interface SchuldenaarV21 {
  persoon: PersoonV21;
  adres: AdresV21;
}
/**
 * The debtor, with the BSN for a public body that uses it. Only in the messages that may carry a BSN.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "schuldenaarMetBsnV21".
 */
export interface SchuldenaarMetBsnV21 {
  persoon: PersoonV21;
  adres: AdresV21;
  bsn?: BsnV21;
}
/**
 * The debtor's partner (spouse, registered partner or cohabitant) where the partner shares the debts or the household income.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "partnerV21".
 */
export interface PartnerV21 {
  persoon: PersoonV21;
  adres?: AdresV21;
}
/**
 * The debtor's partner, with the BSN for a public body that uses it. Only in the messages that may carry a BSN.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "partnerMetBsnV21".
 */
export interface PartnerMetBsnV21 {
  persoon: PersoonV21;
  adres?: AdresV21;
  bsn?: BsnV21;
}
/**
 * The current amount of a claim, in cents: principal, interest and costs, and their total (`totaal` = `hoofdsom` + `rente` + `kosten`; receiving systems check the sum).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bedragSpecificatieV21".
 */
export interface BedragSpecificatieV21 {
  hoofdsom: BedragCentV21;
  rente: BedragCentV21;
  kosten: BedragCentV21;
  totaal: BedragCentV21;
}
/**
 * What a proposal offers on one claim.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "voorstelregelV21".
 */
export interface VoorstelregelV21 {
  factuurnummer: FactuurnummerV21;
  actueelBedrag: BedragCentV21;
  aangebodenBedrag: BedragCentV21;
}
/**
 * One planned payment to the recipient creditor.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "betaalmomentV21".
 */
export interface BetaalmomentV21 {
  datum: DatumV21;
  bedrag: BedragCentV21;
}
/**
 * How the repayment capacity was determined, per month in cents.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "onderbouwingV21".
 */
export interface OnderbouwingV21 {
  nettoInkomenPerMaand: BedragCentV21;
  vasteLastenPerMaand: BedragCentV21;
  vrijTeLatenBedragPerMaand: BedragCentV21;
  toelichting?: ToelichtingV21;
}
/**
 * An attachment the sender must or may add — the court decision a bewindvoerder acts under, or the client's consent statement of another debt helper — as a reference: the document itself travels as a part of its own (over REST `PUT /v1/attachments/{sha256}`, over AMQP a message of type `attachment`) and is named here by its SHA-256 and size, so the signature covers it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "bijlageV21".
 */
export interface BijlageV21 {
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
   * Size of the document in bytes; at most 5 MiB (5,242,880 bytes, ATTACHMENT_MAX_BYTES).
   */
  grootte: number;
  /**
   * SHA-256 of the document in lowercase hexadecimal: the name it was uploaded under, which the hub checks at upload and the recipient after download.
   */
  sha256: string;
}
/**
 * One statistic: what is counted (`naam`) and its value (`waarde`), as the Waarborgfonds defines them.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "AanvraagBorgstellingV21Statistiek".
 */
export interface AanvraagBorgstellingV21Statistiek {
  /**
   * Name (code) of the statistic, as the Waarborgfonds defines it.
   */
  naam: string;
  /**
   * Its value, as text (a number, a code or a yes/no).
   */
  waarde: string;
}
/**
 * A credit bank asks the Waarborgfonds to guarantee a loan (gross credit sum at most €4,999.99). Carries no personal data beyond the postcode area. 2.1 follows the Schuldenknooppunt's Aanvraag borgstelling: no contact person is required (and an e-mail address alone is one, defs 2.1), and it adds the kind `sociale-lening`, the category `geen`, the statistics and the reference to a pro-forma (preliminary) assessment.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "AanvraagBorgstellingV21".
 */
export interface AanvraagBorgstellingV21 {
  /**
   * Kind of loan. The Schuldenknooppunt's codes: `PL` persoonlijke lening, `SK` saneringskrediet, `SL` sociale lening; `overig` (2.0) for any other kind.
   */
  soortLening: 'persoonlijke-lening' | 'saneringskrediet' | 'sociale-lening' | 'overig';
  eigenReferentie: ReferentieV21;
  contactpersoon?: ContactpersoonV21;
  postcodegebied: PostcodegebiedV21;
  brutoKredietsom: BedragCentV21;
  /**
   * Term of the loan in months.
   */
  looptijdMaanden: number;
  /**
   * Category of the guarantee (the Schuldenknooppunt's `Borgstelling_Categorie`): `regulier` (100, regular saneringskrediet), `herfinanciering` (200), `jongeren` (300, saneringskrediet for young people), `ondernemers` (400, saneringskrediet for entrepreneurs) or `geen` (500, no category).
   */
  categorie: 'regulier' | 'herfinanciering' | 'jongeren' | 'ondernemers' | 'geen';
  /**
   * Statistics the Waarborgfonds collects with each request (the Schuldenknooppunt's `Statistieken`), each a named value; no personal data.
   *
   * @maxItems 50
   */
  statistieken?: AanvraagBorgstellingV21Statistiek[];
  proFormaBorgstelling?: UuidV21;
  toelichting?: ToelichtingV21;
}
export interface BeeindigingBorgstellingV211 {
  borgstellingsnummer: BorgstellingsnummerV21;
  eigenReferentie: ReferentieV21;
  /**
   * Why the loan ended: repaid on schedule, repaid early, or another reason (then a toelichting is required).
   */
  reden: 'volledig-afgelost' | 'vervroegd-afgelost' | 'overig';
  einddatum: DatumV21;
  contactpersoon?: ContactpersoonV21;
  toelichting?: ToelichtingV21;
}
export interface BetaalvoorstelV211 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
  /**
   * The kind of debt arrangement: schuldbemiddeling (the debtor pays the repayment capacity for the term, creditors share it), saneringskrediet (a credit bank pays every creditor one lump sum, financed by a loan to the debtor) or nul-aanbod (no repayment capacity).
   */
  soort: 'schuldbemiddeling' | 'saneringskrediet' | 'nul-aanbod';
  /**
   * Term of the arrangement in months (NVVK norm for schuldbemiddeling since 1 July 2023: 18).
   */
  looptijdMaanden: number;
  aflossingscapaciteitPerMaand: BedragCentV21;
  /**
   * Number of preferent creditors in the arrangement.
   */
  aantalPreferenteSchuldeisers: number;
  /**
   * Number of concurrent creditors in the arrangement.
   */
  aantalConcurrenteSchuldeisers: number;
  totaalPreferenteSchuld: BedragCentV21;
  totaalConcurrenteSchuld: BedragCentV21;
  aangebodenPercentage: PercentageV21;
  /**
   * The offer per claim of this creditor.
   *
   * @minItems 1
   * @maxItems 100
   */
  vorderingen: [VoorstelregelV21, ...VoorstelregelV21[]];
  /**
   * When this creditor will be paid, and how much; absent for a nul-aanbod.
   *
   * @minItems 1
   * @maxItems 60
   */
  betaalmomenten?: [BetaalmomentV21, ...BetaalmomentV21[]];
  onderbouwing: OnderbouwingV21;
  toelichting?: ToelichtingV21;
}
export interface BetaalvoorstelAntwoordV211 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
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
  toelichting?: ToelichtingV21;
}
/**
 * Proposes to repay 100% of the claims in monthly instalments. May carry the BSN for a public creditor that uses it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "BetalingsregelingVoorstelV21".
 */
export interface BetalingsregelingVoorstelV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarMetBsnV21;
  partner?: PartnerMetBsnV21;
  contactpersoon: ContactpersoonV21;
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
      factuurnummer: FactuurnummerV21;
      bedrag: BedragCentV21;
    },
    ...{
      factuurnummer: FactuurnummerV21;
      bedrag: BedragCentV21;
    }[],
  ];
  totaalBedrag: BedragCentV21;
  termijnbedrag: BedragCentV21;
  /**
   * Number of monthly instalments.
   */
  aantalTermijnen: number;
  eersteTermijnDatum: DatumV21;
  ibanSchuldenaar?: IbanV21;
  /**
   * Attachments: the court decision a bewindvoerder acts under, or the client's consent statement of another debt helper (at most two). In 2.1 each is a reference (defs-2.1 `bijlage`: sha256, grootte); the documents travel as attachments of their own.
   *
   * @minItems 1
   * @maxItems 2
   */
  bijlagen?: [BijlageV21] | [BijlageV21, BijlageV21];
  toelichting?: ToelichtingV21;
}
export interface BorgstellingBesluitV211 {
  eigenReferentie: ReferentieV21;
  /**
   * The decision: guarantee issued (`afgegeven`), claim paid (`uitbetaald`), end registered (`beeindigd`), or the request refused (`afgewezen`).
   */
  besluit: 'afgegeven' | 'afgewezen' | 'uitbetaald' | 'beeindigd';
  borgstellingsnummer?: BorgstellingsnummerV21;
  /**
   * Why the request is refused; required exactly with `afgewezen`. With `anders` a toelichting is required.
   */
  reden?:
    | 'buiten-automatische-route'
    | 'niet-voldaan-aan-voorwaarden'
    | 'borgstelling-onbekend'
    | 'onvoldoende-onderbouwd'
    | 'anders';
  uitbetaaldBedrag?: BedragCentV21;
  contactpersoon?: ContactpersoonV21;
  toelichting?: ToelichtingV21;
}
/**
 * The creditor will not cooperate with the request, and why. 2.1 uses the 2.1 shared definitions (a partner without a birth date, an address without a house number, a contact person without a name).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "GeenMedewerkingV21".
 */
export interface GeenMedewerkingV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
  /**
   * Why the creditor does not cooperate: the client is unknown, recently received final discharge (finale kwijting), recently had a stabilisation attempt, or the creditor does not work with this debt helper.
   */
  reden:
    | 'client-onbekend'
    | 'recent-finale-kwijting'
    | 'recent-stabilisatiepoging'
    | 'geen-samenwerking-met-schuldhulpverlener';
  toelichting?: ToelichtingV21;
}
/**
 * Asks a creditor that refused the proposal to reconsider, possibly with an adjusted offer. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "HeroverwegingV21".
 */
export interface HeroverwegingV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
  betaalvoorstelBerichtId: UuidV21;
  toelichting: ToelichtingV21;
  /**
   * An adjusted offer, when the debt helper improves the proposal.
   */
  aangepastVoorstel?: {
    aangebodenPercentage: PercentageV21;
    /**
     * The adjusted offer per claim.
     *
     * @minItems 1
     * @maxItems 100
     */
    vorderingen: [VoorstelregelV21, ...VoorstelregelV21[]];
    /**
     * The adjusted payment moments, when they change.
     *
     * @minItems 1
     * @maxItems 60
     */
    betaalmomenten?: [BetaalmomentV21, ...BetaalmomentV21[]];
  };
}
/**
 * Tells a creditor that the debtor is in debt help; under the NVVK covenants the creditor suspends collection. May carry the BSN for a public creditor that uses it. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "KennisgevingV21".
 */
export interface KennisgevingV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarMetBsnV21;
  partner?: PartnerMetBsnV21;
  contactpersoon: ContactpersoonV21;
  startdatumSchuldhulpverlening: DatumV21;
  /**
   * The claim references the debt helper knows for this creditor.
   *
   * @minItems 1
   * @maxItems 100
   */
  factuurnummers?: [FactuurnummerV21, ...FactuurnummerV21[]];
  toelichting?: ToelichtingV21;
}
export interface KennisgevingAntwoordV212 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
  /**
   * The references of the creditor's claims on the debtor.
   *
   * @minItems 1
   * @maxItems 100
   */
  factuurnummers?: [FactuurnummerV21, ...FactuurnummerV21[]];
  /**
   * The creditor's answer as the Schuldenknooppunt's `Antwoord` element carries it (new in its 2.0; carried as given).
   */
  antwoord?: string;
  incassoOpgeschortTot?: DatumV21;
  toelichting?: ToelichtingV21;
}
/**
 * A bewindvoerder tells a creditor that protective administration (bewind) or the Wsnp started or ended, with the court decision attached as a reference (the document travels as a part of its own). May carry the BSN for a public creditor that uses it.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "MeldingBewindV21".
 */
export interface MeldingBewindV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarMetBsnV21;
  partner?: PartnerMetBsnV21;
  contactpersoon: ContactpersoonV21;
  /**
   * What happened: bewind or Wsnp started or ended.
   */
  soortMelding: 'bewind-gestart' | 'bewind-beeindigd' | 'wsnp-gestart' | 'wsnp-beeindigd';
  datumUitspraak: DatumV21;
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
  beschikking: BijlageV21;
  /**
   * Further documents next to the court decision, such as a second decision (the Wsnp ruling next to the bewind order) or the bewindvoerder's appointment: references, each a document of its own. With the beschikking at most two attachments (ATTACHMENTS_MAX_PER_MESSAGE).
   *
   * @minItems 1
   * @maxItems 1
   */
  bijlagen?: [BijlageV21];
  beheerrekening?: IbanV21;
  toelichting?: ToelichtingV21;
}
/**
 * Asks a creditor for the current claim(s) on the debtor. May carry the BSN for a public creditor that uses it. 2.1 follows the Schuldenknooppunt's Saldoverzoek: the kind of arrangement and the reference date are optional, and the kinds BR (betalingsregeling) and HF (herfinanciering) are added.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SaldoverzoekV21".
 */
export interface SaldoverzoekV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarMetBsnV21;
  partner?: PartnerMetBsnV21;
  contactpersoon: ContactpersoonV21;
  /**
   * The arrangement the balance is asked for (Schuldenknooppunt `TypeSchuldregeling`: SB, SK, SA, BR, HF); `nog-onbekend` or absent during the inventory.
   */
  soortRegeling?: SoortRegelingV21 | 'nog-onbekend';
  peildatum?: DatumV21;
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
      factuurnummer: FactuurnummerV21;
      /**
       * What the claim is for, as the debtor described it.
       */
      omschrijving?: string;
      bedrag?: BedragCentV21;
    },
    ...{
      factuurnummer: FactuurnummerV21;
      /**
       * What the claim is for, as the debtor described it.
       */
      omschrijving?: string;
      bedrag?: BedragCentV21;
    }[],
  ];
  /**
   * Attachments: the court decision a bewindvoerder acts under, or the client's consent statement of another debt helper (at most two).
   *
   * @minItems 1
   * @maxItems 2
   */
  bijlagen?: [BijlageV21] | [BijlageV21, BijlageV21];
  toelichting?: ToelichtingV21;
}
export interface SaldoverzoekAntwoordV211 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
  /**
   * True when the creditor cannot find the debtor (Schuldenknooppunt `Klant onbekend`: `Ja` or empty); then there are no claim lines.
   */
  clientOnbekend: boolean;
  peildatum?: DatumV21;
  /**
   * The claim lines on the reference date; an empty list means the creditor has no open claim on this debtor.
   *
   * @minItems 0
   * @maxItems 100
   */
  vorderingen?: VorderingsregelV21[];
  /**
   * Claims the creditor did not match to the debt helper's references (Schuldenknooppunt `Ongematchte schulden`): either one total claim or the separate open claims.
   */
  ongematchteSchulden?: (
    | {
        totaalvordering: unknown;
      }
    | {
        openstaandeSchulden: unknown;
      }
  ) & {
    /**
     * The creditor's total claim on the debtor, when it answers with one total instead of separate claims (`Totaalvordering`).
     */
    totaalvordering?: {
      bedrag: BedragCentV21;
      datum?: DatumV21;
    };
    /**
     * The separate claims the creditor has on the debtor beyond the matched ones (`Openstaande schulden`).
     *
     * @minItems 1
     * @maxItems 100
     */
    openstaandeSchulden?: [VorderingsregelV21, ...VorderingsregelV21[]];
  };
  iban?: IbanV21;
  betalingskenmerk?: BetalingskenmerkV21;
  toelichting?: ToelichtingV21;
}
/**
 * The creditor's answer to a saldoverzoek with its claim lines, agreeing in advance to a proposal under the NVVK covenant (Schuldenknooppunt `Saldoverzoek antwoord vooraf akkoord`). 2.1 uses the 2.1 claim line (standard agreement, date, the debt helper's reference) makes the reference date optional and adds the unmatched claims (`Ongematchte schulden`).
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SaldoverzoekAntwoordVoorafAkkoordV21".
 */
export interface SaldoverzoekAntwoordVoorafAkkoordV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
  /**
   * Always true: the creditor agrees in advance to a proposal made under the NVVK code of conduct.
   */
  voorafAkkoord: true;
  peildatum?: DatumV21;
  /**
   * The claim lines on the reference date (at least one).
   *
   * @minItems 1
   * @maxItems 100
   */
  vorderingen: [VorderingsregelV21, ...VorderingsregelV21[]];
  /**
   * Claims the creditor did not match to the debt helper's references (Schuldenknooppunt `Ongematchte schulden`): either one total claim or the separate open claims.
   */
  ongematchteSchulden?: (
    | {
        totaalvordering: unknown;
      }
    | {
        openstaandeSchulden: unknown;
      }
  ) & {
    /**
     * The creditor's total claim on the debtor, when it answers with one total instead of separate claims (`Totaalvordering`).
     */
    totaalvordering?: {
      bedrag: BedragCentV21;
      datum?: DatumV21;
    };
    /**
     * The separate claims the creditor has on the debtor beyond the matched ones (`Openstaande schulden`).
     *
     * @minItems 1
     * @maxItems 100
     */
    openstaandeSchulden?: [VorderingsregelV21, ...VorderingsregelV21[]];
  };
  iban?: IbanV21;
  betalingskenmerk?: BetalingskenmerkV21;
  toelichting?: ToelichtingV21;
}
export interface SchuldregelingAkkoordV211 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser: KlantnummerV21;
  schuldenaar?: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon?: ContactpersoonV21;
  datumAkkoord: DatumV21;
  soort: SoortRegelingV21;
  /**
   * Term of the arrangement in months, where the sender gives it.
   */
  looptijdMaanden?: number;
  /**
   * When the creditors are paid, as the Schuldenknooppunt's `Uitbetaalmomenten` code names it (carried as given; its published description lists no values).
   */
  uitbetaalmomenten?: string;
  /**
   * When this creditor will be paid, and how much, where the sender plans dates; absent for a nul-aanbod.
   *
   * @minItems 1
   * @maxItems 60
   */
  betaalmomenten?: [BetaalmomentV21, ...BetaalmomentV21[]];
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
      factuurnummer: FactuurnummerV21;
      /**
       * Kind of debt, as in the claim line, where the sender gives it.
       */
      soortSchuld?: 'open' | 'overgedragen-aan-incasso' | 'onbekend';
      /**
       * True for a preferent claim; false for a concurrent claim, where the sender gives it.
       */
      preferent?: boolean;
      actueelBedrag: BedragCentV21;
      percentage: PercentageV21;
      prognoseEindbedrag: BedragCentV21;
      betalingskenmerk: BetalingskenmerkV21;
      /**
       * How the claim was typed in calculating the proposal, as the Schuldenknooppunt's `VorderingsType` code names it (carried as given; its published description lists no values).
       */
      vorderingstype?: string;
    },
    ...{
      factuurnummer: FactuurnummerV21;
      /**
       * Kind of debt, as in the claim line, where the sender gives it.
       */
      soortSchuld?: 'open' | 'overgedragen-aan-incasso' | 'onbekend';
      /**
       * True for a preferent claim; false for a concurrent claim, where the sender gives it.
       */
      preferent?: boolean;
      actueelBedrag: BedragCentV21;
      percentage: PercentageV21;
      prognoseEindbedrag: BedragCentV21;
      betalingskenmerk: BetalingskenmerkV21;
      /**
       * How the claim was typed in calculating the proposal, as the Schuldenknooppunt's `VorderingsType` code names it (carried as given; its published description lists no values).
       */
      vorderingstype?: string;
    }[],
  ];
  toelichting?: ToelichtingV21;
}
/**
 * The arrangement has ended; closes the conversation. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "SchuldregelingBeeindigdV21".
 */
export interface SchuldregelingBeeindigdV21 {
  klantnummerSchuldhulpverlener: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  schuldenaar: SchuldenaarV21;
  partner?: PartnerV21;
  contactpersoon: ContactpersoonV21;
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
  einddatum: DatumV21;
  uitgekeerdBedrag?: BedragCentV21;
  toelichting?: ToelichtingV21;
}
/**
 * A status update in the conversation, asked for (answering a statusverzoek) or not. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "StatusberichtV21".
 */
export interface StatusberichtV21 {
  klantnummerSchuldhulpverlener?: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  eigenReferentie?: ReferentieV21;
  borgstellingsnummer?: BorgstellingsnummerV21;
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
  verwachteAfhandeldatum?: DatumV21;
  toelichting: ToelichtingV21;
  contactpersoon: ContactpersoonV21;
}
/**
 * Asks the other side for a status update in the conversation. 2.1 uses the 2.1 shared definitions, so the case continues on the version the Schuldenknooppunt's Saldoverzoek and Regeling geaccordeerd need: a partner without a birth date, an address on a houseboat or caravan pitch, a contact person by telephone (`14 030`) or e-mail alone.
 *
 * This interface was referenced by `MessagePayloads`'s JSON-Schema
 * via the `definition` "StatusverzoekV21".
 */
export interface StatusverzoekV21 {
  klantnummerSchuldhulpverlener?: KlantnummerV21;
  klantnummerSchuldeiser?: KlantnummerV21;
  eigenReferentie?: ReferentieV21;
  borgstellingsnummer?: BorgstellingsnummerV21;
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
  toelichting: ToelichtingV21;
  contactpersoon: ContactpersoonV21;
}
export interface UitbetalingBorgstellingV211 {
  borgstellingsnummer: BorgstellingsnummerV21;
  eigenReferentie: ReferentieV21;
  openstaandBedrag: BedragCentV21;
  /**
   * Why the borrower defaulted. With `anders` a toelichting is required.
   */
  redenVerzuim:
    'betalingsachterstand' | 'overlijden' | 'wsnp' | 'vertrokken-onbekend-waarheen' | 'anders';
  datumVerzuim: DatumV21;
  /**
   * Number of instalments in arrears.
   */
  aantalAchterstalligeTermijnen?: number;
  contactpersoon?: ContactpersoonV21;
  toelichting?: ToelichtingV21;
}

/** The payload of each message type at each version of the standard that has it. */
export interface VersionedPayloads {
  '2.0': {
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
  };
  '2.1': {
    'aanvraag-borgstelling': AanvraagBorgstellingV21;
    'beeindiging-borgstelling': BeeindigingBorgstellingV21;
    betaalvoorstel: BetaalvoorstelV21;
    'betaalvoorstel-antwoord': BetaalvoorstelAntwoordV21;
    'betalingsregeling-voorstel': BetalingsregelingVoorstelV21;
    'borgstelling-besluit': BorgstellingBesluitV21;
    'geen-medewerking': GeenMedewerkingV21;
    heroverweging: HeroverwegingV21;
    kennisgeving: KennisgevingV21;
    'kennisgeving-antwoord': KennisgevingAntwoordV21;
    'melding-bewind': MeldingBewindV21;
    saldoverzoek: SaldoverzoekV21;
    'saldoverzoek-antwoord': SaldoverzoekAntwoordV21;
    'saldoverzoek-antwoord-vooraf-akkoord': SaldoverzoekAntwoordVoorafAkkoordV21;
    'schuldregeling-akkoord': SchuldregelingAkkoordV21;
    'schuldregeling-beeindigd': SchuldregelingBeeindigdV21;
    'signaal-betalingsachterstand': SignaalBetalingsachterstandV21;
    'signaal-uitkomst': SignaalUitkomstV21;
    statusbericht: StatusberichtV21;
    statusverzoek: StatusverzoekV21;
    'uitbetaling-borgstelling': UitbetalingBorgstellingV21;
  };
}
