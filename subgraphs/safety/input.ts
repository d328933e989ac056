import { z } from 'zod';
import {
  count,
  day,
  derived,
  optionalCreditCode,
  optionalText,
  optionalYuan,
  reportBreaches,
  text,
  yuan,
  type FieldsSchema,
} from '../../model/input';
import { fenToYuan } from '../../model/scalars';
import {
  accidentGrade,
  type AdministrativePenaltyFields,
  type FoodDrugSamplingFields,
  type PenaltyKind,
  type SafetyAccidentFields,
} from './repository';

const penaltyKinds: [PenaltyKind, ...PenaltyKind[]] = ['WARNING', 'FINE', 'CONFISCATION', 'SUSPENSION', 'LICENCE_REVOCATION'];

const failedTestItem = z.object({ item: text(200), result: text(200), limit: text(200) }).strict();

/**
 * How publishers send safety records: GraphQL field names, money in yuan; stored with money in fen.
 * An accident's grade is derived from its figures by Decree 493; a grade the publisher states must
 * agree with them.
 */
export const safetyInputs: Record<'SafetyAccident' | 'AdministrativePenalty' | 'FoodDrugSampling', FieldsSchema> = {
  SafetyAccident: z
    .object({
      occurredAt: z.iso
        .datetime({ offset: true, error: 'must be an RFC 3339 date-time with an offset, e.g. 2016-03-12T14:30:00+08:00' })
        .transform((v) => new Date(v)),
      occurredOn: derived('occurredAt'),
      place: text(300),
      industry: z.enum(['MINING', 'CONSTRUCTION', 'ROAD_TRANSPORT', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'MANUFACTURING', 'FIRE', 'OTHER']),
      deaths: count,
      seriousInjuries: count,
      injuries: count,
      directEconomicLoss: yuan,
      grade: z.enum(['ORDINARY', 'LARGER', 'MAJOR', 'ESPECIALLY_MAJOR']).optional(),
      company: text(200),
      investigationReportUrl: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .nullish()
        .transform((v) => v ?? null),
      causeSummary: text(2000),
    })
    .strict()
    .transform(({ occurredOn: _computed, directEconomicLoss, grade: stated, ...rest }, context): SafetyAccidentFields => {
      const grade = accidentGrade(rest.deaths, rest.seriousInjuries, directEconomicLoss);
      const broken = reportBreaches(context, [
        rest.injuries < rest.seriousInjuries && [
          'injuries',
          'includes-serious',
          `counts every person injured, the ${rest.seriousInjuries} serious injuries included; got ${rest.injuries}`,
        ],
        stated !== undefined &&
          stated !== grade && [
            'grade',
            'grade-rule',
            `Decree 493 grades ${rest.deaths} deaths, ${rest.seriousInjuries} serious injuries and ${fenToYuan(directEconomicLoss)} yuan direct loss as ${grade}, not ${stated}; leave grade out to have it derived`,
          ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, directEconomicLossFen: directEconomicLoss, grade };
    }),
  AdministrativePenalty: z
    .object({
      caseNumber: text(100),
      party: text(200),
      partyCreditCode: optionalCreditCode,
      violation: text(2000),
      legalBasis: text(1000),
      penaltyKinds: z.array(z.enum(penaltyKinds)).min(1, { error: 'at least one kind of penalty' }),
      fineAmount: optionalYuan,
      decidedOn: day,
    })
    .strict()
    .transform(({ fineAmount, ...rest }, context): AdministrativePenaltyFields => {
      const fined = rest.penaltyKinds.includes('FINE');
      const duplicate = rest.penaltyKinds.find((kind, i) => rest.penaltyKinds.indexOf(kind) !== i);
      const broken = reportBreaches(context, [
        duplicate !== undefined && ['penaltyKinds', 'unique', `${duplicate} is listed more than once`],
        fined && !fineAmount && ['fineAmount', 'fine-kind', 'a decision imposing a FINE states the fine, above zero'],
        !fined && fineAmount !== null && ['fineAmount', 'fine-kind', 'a fine amount needs FINE among penaltyKinds'],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, fineAmountFen: fineAmount };
    }),
  FoodDrugSampling: z
    .object({
      productName: text(200),
      productCategory: z.enum(['FOOD', 'DRUG', 'COSMETIC']),
      producer: text(200),
      sampledFrom: text(200),
      batchNumber: optionalText(100),
      producedOn: day.nullish().transform((v) => v ?? null),
      specification: text(100),
      outcome: z.enum(['PASSED', 'FAILED']),
      failedItems: z.array(failedTestItem).max(50, { error: 'at most 50 failed items' }).default([]),
      testingInstitution: text(200),
      sampledOn: day,
    })
    .strict()
    .transform((sent, context): FoodDrugSamplingFields => {
      const broken = reportBreaches(context, [
        sent.outcome === 'FAILED' && sent.failedItems.length === 0 && ['failedItems', 'failed-items', 'a FAILED sample lists the items it failed'],
        sent.outcome === 'PASSED' && sent.failedItems.length > 0 && ['failedItems', 'failed-items', 'a PASSED sample failed no item; leave failedItems empty'],
        sent.producedOn !== null &&
          sent.producedOn > sent.sampledOn && ['producedOn', 'date-order', `must not be after sampledOn (${sent.sampledOn})`],
      ]);
      if (broken) return z.NEVER;
      return sent;
    }),
};
