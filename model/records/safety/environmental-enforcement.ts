import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { allOf, day, oneOf, range } from '../../../storage/filters';
import type { EnvironmentalEnforcementFilter, EnvironmentalMeasure, PollutionMedium } from '../../../subgraphs/safety/generated/types';
import { defineRecordType } from '../record-type';
import { calendarDay, optionalCalendarDay, optionalCreditCode, optionalYuan, reportBreaches, text } from '../rules';

/** Stored fields of an environmental enforcement decision 环境行政执法; the fine in integer fen, dates as `YYYY-MM-DD`. */
export interface EnvironmentalEnforcementFields {
  noticeNumber: string;
  enterprise: string;
  creditCode: string | null;
  violation: string;
  medium: PollutionMedium;
  measures: EnvironmentalMeasure[];
  fineAmountFen: number | null;
  rectificationDeadline: string | null;
  decidedOn: string;
  legalBasis: string;
}

export type StoredEnvironmentalEnforcement = StoredRecord<EnvironmentalEnforcementFields>;

/** Measures that fine: a fine, and the daily penalty 按日连续处罚 (环境保护法 art. 59), which counts one. */
const FINING: readonly EnvironmentalMeasure[] = ['FINE', 'DAILY_PENALTY'];

export const environmentalEnforcement = defineRecordType({
  type: 'EnvironmentalEnforcement',
  domain: 'SAFETY',
  subgraph: 'safety',
  collection: 'environmentalEnforcements',
  listField: 'environmentalEnforcements',
  singleField: 'environmentalEnforcement',
  description:
    'An environmental enforcement decision 环境行政执法 against a polluter under the Environmental Protection Law (环境保护法, 2014: orders to correct, daily penalties art. 59, sealing and seizure art. 25, restricted or halted production art. 60) and the Measures on Environmental Administrative Penalties (环境行政处罚办法).',
  fields: {
    noticeNumber: 'String!',
    enterprise: 'String!',
    creditCode: 'String',
    violation: 'String!',
    medium: 'PollutionMedium!',
    measures: '[EnvironmentalMeasure!]!',
    fineAmount: 'Money',
    rectificationDeadline: 'Date',
    decidedOn: 'Date!',
    legalBasis: 'String!',
  },
  personNames: { enterprise: 'party' },
  input: z
    .object({
      noticeNumber: text(100),
      enterprise: text(200),
      creditCode: optionalCreditCode,
      violation: text(2000),
      medium: z.enum(['AIR', 'WATER', 'SOIL', 'SOLID_WASTE', 'NOISE', 'RADIATION', 'OTHER']),
      measures: z
        .array(z.enum(['RECTIFICATION_ORDER', 'FINE', 'DAILY_PENALTY', 'SEALING_SEIZURE', 'PRODUCTION_RESTRICTION', 'OTHER']))
        .min(1, { error: 'at least one measure' }),
      fineAmount: optionalYuan,
      rectificationDeadline: optionalCalendarDay,
      decidedOn: calendarDay,
      legalBasis: text(1000),
    })
    .strict()
    .transform(({ fineAmount, ...rest }, context): EnvironmentalEnforcementFields => {
      const fined = rest.measures.some((measure) => FINING.includes(measure));
      const ordered = rest.measures.includes('RECTIFICATION_ORDER');
      const duplicate = rest.measures.find((measure, i) => rest.measures.indexOf(measure) !== i);
      const deadline = rest.rectificationDeadline;
      const broken = reportBreaches(context, [
        duplicate !== undefined && ['measures', 'unique', `${duplicate} is listed more than once`],
        fined && !fineAmount && ['fineAmount', 'fine-measure', 'a decision with FINE or DAILY_PENALTY states the fine, above zero'],
        !fined && fineAmount !== null && ['fineAmount', 'fine-measure', 'a fine amount needs FINE or DAILY_PENALTY among measures'],
        ordered && deadline === null && ['rectificationDeadline', 'deadline-required', 'an order to correct 责令改正 states the day by which to correct'],
        !ordered && deadline !== null && ['rectificationDeadline', 'deadline-measure', 'a rectification deadline needs RECTIFICATION_ORDER among measures'],
        deadline !== null && deadline < rest.decidedOn && ['rectificationDeadline', 'date-order', `must not be before decidedOn (${rest.decidedOn})`],
      ]);
      if (broken) return z.NEVER;
      return { ...rest, fineAmountFen: fineAmount };
    }),
  filter: {
    fields: {
      enterprise: 'String',
      media: '[PollutionMedium!]',
      measures: '[EnvironmentalMeasure!]',
      minFineAmount: 'YuanAmount',
      maxFineAmount: 'YuanAmount',
      decidedFrom: 'Date',
      decidedTo: 'Date',
    },
    where: (input: EnvironmentalEnforcementFilter) =>
      allOf({
        enterprise: input.enterprise ?? undefined,
        medium: oneOf(input.media),
        // On an array field `$in` matches a decision taking any of the measures.
        measures: oneOf(input.measures),
        fineAmountFen: range('filter.minFineAmount', input.minFineAmount, input.maxFineAmount),
        decidedOn: range('filter.decidedFrom', day(input.decidedFrom), day(input.decidedTo)),
      }),
  },
  indexes: [
    { key: { enterprise: 1, publishedAt: -1, _id: -1 }, name: 'enterprise' },
    { key: { fineAmountFen: -1 }, name: 'fine_amount' },
  ],
  resolvers: {},
});
