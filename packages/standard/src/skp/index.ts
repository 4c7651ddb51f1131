/**
 * Mappings from the Schuldenknooppunt's (SKP) messages onto Knooppunt's standard 2.1, one
 * module per SKP message (docs/schuldenknooppunt.md): each declares every element the SKP
 * documents with the pointer where it lands, and translates one SKP message into ours.
 */
export * from './mapping.ts';
// Module Schuldregelen (and Vooraf akkoord).
export * from './schuldregelen_parts.ts';
export * from './saldoverzoek.ts';
export * from './saldoverzoek_antwoord.ts';
export * from './regeling_geaccordeerd.ts';
export * from './geen_medewerking.ts';
export * from './kennisgeving_antwoord.ts';
export * from './schuldregelen.ts';
// Module Waarborgfonds, the message header, the CSV answer format and the log.
export * from './aanvraag_borgstelling.ts';
export * from './berichtheader.ts';
export * from './csv_saldoverzoek_antwoord.ts';
export * from './logboek.ts';
