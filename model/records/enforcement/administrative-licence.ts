import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { AdministrativeLicenceFilter, LicenceCategory, PartyKind } from '../../../subgraphs/enforcement/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCalendarDay, optionalCreditCode, optionalText, reportBreaches, text } from '../rules';
import { creditCodeBreach, partyKind, partyName } from './party';

/** Stored fields of an administrative licence decision 行政许可决定; dates as `YYYY-MM-DD`, no end for a long-term licence. */
export interface AdministrativeLicenceFields {
  decisionNumber: string;
  licenceNumber: string | null;
  licenceName: string;
  licenceCategory: LicenceCategory;
  holder: string;
  holderKind: PartyKind;
  holderCreditCode: string | null;
  content: string;
  legalBasis: string;
  decidedOn: string;
  validFrom: string;
  validTo: string | null;
}

export type StoredAdministrativeLicence = StoredRecord<AdministrativeLicenceFields>;

export const administrativeLicence = defineRecordType({
  type: 'AdministrativeLicence',
  domain: 'ENFORCEMENT',
  subgraph: 'enforcement',
  collection: 'administrativeLicences',
  listField: 'administrativeLicences',
  singleField: 'administrativeLicence',
  description:
    'An administrative licence decision 行政许可决定 in any sector, the licence half of the 双公示: granted under the Administrative Licensing Law (行政许可法), published under the 国家发展改革委 credit-information standard within 7 working days of the decision.',
  fields: {
    decisionNumber: 'String!',
    licenceNumber: 'String',
    licenceName: 'String!',
    licenceCategory: 'LicenceCategory!',
    holder: 'String!',
    holderKind: 'PartyKind!',
    holderCreditCode: 'String',
    content: 'String!',
    legalBasis: 'String!',
    decidedOn: 'Date!',
    validFrom: 'Date!',
    validTo: 'Date',
  },
  personNames: { holder: partyName('holderKind') },
  input: z
    .object({
      decisionNumber: text(100),
      licenceNumber: optionalText(100),
      licenceName: text(200),
      licenceCategory: z.enum(['GENERAL', 'SPECIAL', 'APPROVAL', 'VERIFICATION', 'REGISTRATION', 'OTHER']),
      holder: text(200),
      holderKind: partyKind,
      holderCreditCode: optionalCreditCode,
      content: text(2000),
      legalBasis: text(1000),
      decidedOn: calendarDay,
      validFrom: calendarDay,
      validTo: optionalCalendarDay,
    })
    .strict()
    .transform((fields, context): AdministrativeLicenceFields => {
      const broken = reportBreaches(context, [
        fields.validFrom < fields.decidedOn && ['validFrom', 'valid-after-decision', `a licence is valid from its decision (${fields.decidedOn}) on, not before`],
        fields.validTo !== null &&
          fields.validTo < fields.validFrom && ['validTo', 'valid-period', `the validity ends on or after it starts (${fields.validFrom}); leave validTo out for a long-term licence`],
        creditCodeBreach(fields.holderKind, fields.holderCreditCode, 'holderCreditCode'),
      ]);
      if (broken) return z.NEVER;
      return fields;
    }),
  filter: {
    fields: {
      licenceCategories: '[LicenceCategory!]',
      holder: 'String',
      holderCreditCode: 'String',
      decidedFrom: 'Date',
      decidedTo: 'Date',
    },
    where: (input: AdministrativeLicenceFilter) =>
      allOf({
        licenceCategory: oneOf(input.licenceCategories),
        holder: input.holder ?? undefined,
        holderCreditCode: input.holderCreditCode ?? undefined,
        decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
      }),
  },
  indexes: [
    { key: { holder: 1, publishedAt: -1, _id: -1 }, name: 'holder' },
    { key: { holderCreditCode: 1, publishedAt: -1, _id: -1 }, name: 'holder_credit_code' },
  ],
  resolvers: {},
});
