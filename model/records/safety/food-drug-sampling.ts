import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { FoodDrugSamplingFilter, SamplingCategory, SamplingOutcome } from '../../../subgraphs/safety/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCalendarDay, optionalText, reportBreaches, text } from '../rules';

export interface FailedTestItem {
  item: string;
  result: string;
  limit: string;
}

/** Stored fields of a food or drug sampling result 食品药品抽检; dates as `YYYY-MM-DD`. */
export interface FoodDrugSamplingFields {
  productName: string;
  productCategory: SamplingCategory;
  producer: string;
  sampledFrom: string;
  batchNumber: string | null;
  producedOn: string | null;
  specification: string;
  outcome: SamplingOutcome;
  failedItems: FailedTestItem[];
  testingInstitution: string;
  sampledOn: string;
}

export type StoredFoodDrugSampling = StoredRecord<FoodDrugSamplingFields>;

const failedTestItem = z.object({ item: text(200), result: text(200), limit: text(200) }).strict();

export const foodDrugSampling = defineRecordType({
  type: 'FoodDrugSampling',
  domain: 'SAFETY',
  subgraph: 'safety',
  collection: 'foodDrugSamplings',
  listField: 'foodDrugSamplings',
  singleField: 'foodDrugSampling',
  description: 'A food or drug sampling result 食品药品抽检结果.',
  fields: {
    productName: 'String!',
    productCategory: 'SamplingCategory!',
    producer: 'String!',
    sampledFrom: 'String!',
    batchNumber: 'String',
    producedOn: 'Date',
    specification: 'String!',
    outcome: 'SamplingOutcome!',
    failedItems: { type: '[FailedTestItem!]!', fields: { item: 'String!', result: 'String!', limit: 'String!' } },
    testingInstitution: 'String!',
    sampledOn: 'Date!',
  },
  input: z
    .object({
      productName: text(200),
      productCategory: z.enum(['FOOD', 'DRUG', 'COSMETIC']),
      producer: text(200),
      sampledFrom: text(200),
      batchNumber: optionalText(100),
      producedOn: optionalCalendarDay,
      specification: text(100),
      outcome: z.enum(['PASSED', 'FAILED']),
      failedItems: z.array(failedTestItem).max(50, { error: 'at most 50 failed items' }).default([]),
      testingInstitution: text(200),
      sampledOn: calendarDay,
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
  filter: {
    fields: {
      outcomes: '[SamplingOutcome!]',
      productCategories: '[SamplingCategory!]',
      producer: 'String',
      sampledOnFrom: 'Date',
      sampledOnTo: 'Date',
    },
    where: (input: FoodDrugSamplingFilter) =>
      allOf({
        outcome: oneOf(input.outcomes),
        productCategory: oneOf(input.productCategories),
        producer: input.producer ?? undefined,
        sampledOn: range('filter.sampledOnFrom', day(input.sampledOnFrom), day(input.sampledOnTo)),
      }),
  },
  indexes: [
    { key: { producer: 1, publishedAt: -1, _id: -1 }, name: 'producer' },
    { key: { outcome: 1, sampledOn: -1 }, name: 'outcome_sampled' },
  ],
  resolvers: {},
});
