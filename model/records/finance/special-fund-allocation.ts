import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { isMaskedName } from '../../deidentify';
import { fenToYuan, money } from '../../scalars';
import { allOf, oneOf } from '../../../storage/filters';
import type { FundRecipientKind, SpecialFundAllocationFilter, SpecialFundKind } from '../../../subgraphs/finance/generated/types';
import { defineRecordType } from '../record-type';
import { reportBreaches, text, year, yuan, type Breach } from '../rules';

/** One recipient of an allocation as stored: a natural person's or a household head's name masked (张*明). */
export interface StoredFundRecipient {
  name: string;
  kind: FundRecipientKind;
  amountFen: number;
  purpose: string;
}

/**
 * Stored fields of an allocation of a special fund 专项资金 (涉农资金, 衔接推进乡村振兴补助资金 and the
 * like): the fund, the year, the total and the recipients as published, in integer fen.
 * `recipientsComplete` says whether the list is every recipient (its amounts then add up to the
 * total) or a part of them (a 公示 of one batch, or the persons left out).
 */
export interface SpecialFundAllocationFields {
  fundName: string;
  fundKind: SpecialFundKind;
  fiscalYear: number;
  totalAmountFen: number;
  recipientsComplete: boolean;
  recipients: StoredFundRecipient[];
}

export type StoredSpecialFundAllocation = StoredRecord<SpecialFundAllocationFields>;

/** Recipients that are organisations 单位 or villages 村(社区): their names stay public. */
const NAMED_KINDS: readonly FundRecipientKind[] = ['ORGANISATION', 'VILLAGE'];

const recipient = z
  .object({
    name: text(200),
    kind: z.enum(['PERSON', 'HOUSEHOLD', 'ORGANISATION', 'VILLAGE']),
    amount: yuan,
    purpose: text(300),
  })
  .strict()
  .transform(({ amount, ...rest }): StoredFundRecipient => ({ ...rest, amountFen: amount }));

export const specialFundAllocation = defineRecordType({
  type: 'SpecialFundAllocation',
  domain: 'FINANCE',
  subgraph: 'finance',
  collection: 'specialFundAllocations',
  listField: 'specialFundAllocations',
  singleField: 'specialFundAllocation',
  description:
    'An allocation of a special fund 涉农资金和其他专项资金 to its recipients, persons de-identified (《政府信息公开条例》第二十条 财政预算、决算信息; 财政部 农业农村部 涉农资金统筹整合; 《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》2019).',
  fields: {
    fundName: 'String!',
    fundKind: 'SpecialFundKind!',
    fiscalYear: 'Int!',
    totalAmount: 'Money!',
    recipientsComplete: 'Boolean!',
    recipients: { type: '[FundRecipient!]!', fields: { name: 'String!', kind: 'FundRecipientKind!', amount: 'Money!', purpose: 'String!' } },
  },
  personNames: { 'recipients.name': { kindField: 'kind', persons: ['PERSON', 'HOUSEHOLD'], organisations: NAMED_KINDS } },
  input: z
    .object({
      fundName: text(200),
      fundKind: z.enum(['AGRICULTURE', 'POVERTY_ALLEVIATION', 'EDUCATION', 'HEALTH', 'EMPLOYMENT', 'OTHER']),
      fiscalYear: year,
      totalAmount: yuan,
      recipientsComplete: z.boolean({ error: 'must be true (every recipient is listed) or false (a part of them)' }),
      recipients: z.array(recipient).max(5000, { error: 'at most 5000 recipients a record' }),
    })
    .strict()
    .transform(({ totalAmount, ...rest }, context): SpecialFundAllocationFields => {
      const listed = rest.recipients.reduce((total, r) => total + r.amountFen, 0);
      // De-identification masked every person's name before this runs: a raw one here was built in code.
      const unmasked = rest.recipients.map(
        (r, i): Breach | false =>
          !NAMED_KINDS.includes(r.kind) && !isMaskedName(r.name) && [`recipients.${i}.name`, 'masked-name', `a ${r.kind}'s name is stored masked, like 张*明`],
      );
      const broken = reportBreaches(context, [
        ...unmasked,
        rest.recipientsComplete &&
          listed !== totalAmount && [
            'totalAmount',
            'total-matches-recipients',
            `with every recipient listed the total is their sum (${fenToYuan(listed)}); got ${fenToYuan(totalAmount)}`,
          ],
        !rest.recipientsComplete &&
          listed > totalAmount && [
            'totalAmount',
            'partial-within-total',
            `the recipients listed already get ${fenToYuan(listed)}, more than the total ${fenToYuan(totalAmount)}`,
          ],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, totalAmountFen: totalAmount };
    }),
  filter: {
    fields: {
      fundKinds: '[SpecialFundKind!]',
      fiscalYear: 'Int',
      fundName: 'String',
    },
    where: (input: SpecialFundAllocationFilter) =>
      allOf({
        fundKind: oneOf(input.fundKinds),
        fiscalYear: input.fiscalYear ?? undefined,
        fundName: input.fundName ?? undefined,
      }),
  },
  indexes: [
    { key: { fundKind: 1, publishedAt: -1, _id: -1 }, name: 'fund_kind' },
    { key: { fiscalYear: -1, publishedAt: -1, _id: -1 }, name: 'fiscal_year' },
    { key: { fundName: 1, publishedAt: -1, _id: -1 }, name: 'fund_name' },
  ],
  resolvers: {
    recipients: (record: StoredSpecialFundAllocation) => record.recipients.map(({ amountFen, ...rest }) => ({ ...rest, amount: money(amountFen) })),
  },
});
