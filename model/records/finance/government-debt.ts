import { z } from 'zod';
import type { StoredRecord } from '../../envelope';
import { fenToYuan, money } from '../../scalars';
import { allOf } from '../../../storage/filters';
import type { GovernmentDebtFilter } from '../../../subgraphs/finance/generated/types';
import { defineRecordType } from '../record-type';
import { derived, reportBreaches, year, yuan, type Breach } from '../rules';

/** An amount of general debt 一般债务 and of special debt 专项债务, in fen. */
export interface DebtKindsFen {
  generalFen: number;
  specialFen: number;
}

/**
 * Stored fields of a region's government debt 政府债务 for a year: limits 限额 and year-end balances
 * 余额, bonds issued and debt service that year, each for general and special debt. Totals are
 * derived when read, never stored.
 */
export interface GovernmentDebtFields {
  fiscalYear: number;
  limit: DebtKindsFen;
  balance: DebtKindsFen;
  issuance: { newBonds: DebtKindsFen; refinancingBonds: DebtKindsFen };
  repayment: { principal: DebtKindsFen; interest: DebtKindsFen };
}

export type StoredGovernmentDebt = StoredRecord<GovernmentDebtFields>;

/** General and special debt in yuan, as a publisher sends them (GraphQL `DebtAmounts` without its total). */
const debtKinds = z
  .object({ general: yuan, special: yuan, total: derived('general and special') })
  .strict()
  .transform(({ general, special }): DebtKindsFen => ({ generalFen: general, specialFen: special }));

const sum = (parts: readonly DebtKindsFen[]): DebtKindsFen => ({
  generalFen: parts.reduce((total, part) => total + part.generalFen, 0),
  specialFen: parts.reduce((total, part) => total + part.specialFen, 0),
});

/** GraphQL `DebtAmounts`: both kinds and their total, exact in fen. */
const amounts = ({ generalFen, specialFen }: DebtKindsFen) => ({
  general: money(generalFen),
  special: money(specialFen),
  total: money(generalFen + specialFen),
});

const AMOUNTS = { type: 'DebtAmounts!', fields: { general: 'Money!', special: 'Money!', total: 'Money!' } } as const;

const KIND_NAMES = { generalFen: ['general', '一般债务'], specialFen: ['special', '专项债务'] } as const;

export const governmentDebt = defineRecordType({
  type: 'GovernmentDebt',
  domain: 'FINANCE',
  subgraph: 'finance',
  collection: 'governmentDebts',
  listField: 'governmentDebts',
  singleField: 'governmentDebt',
  description:
    'A region’s government debt 政府债务 for a year: limits, balances, bonds issued and debt service, general and special (《预算法》第三十五条; 《地方政府债务信息公开办法（试行）》财预〔2018〕209号).',
  fields: {
    fiscalYear: 'Int!',
    limit: AMOUNTS,
    balance: AMOUNTS,
    issuance: { type: 'DebtIssuance!', fields: { newBonds: AMOUNTS, refinancingBonds: AMOUNTS, total: AMOUNTS } },
    repayment: { type: 'DebtRepayment!', fields: { principal: AMOUNTS, interest: AMOUNTS, total: AMOUNTS } },
  },
  input: z
    .object({
      fiscalYear: year,
      limit: debtKinds,
      balance: debtKinds,
      issuance: z.object({ newBonds: debtKinds, refinancingBonds: debtKinds, total: derived('newBonds and refinancingBonds') }).strict(),
      repayment: z.object({ principal: debtKinds, interest: debtKinds, total: derived('principal and interest') }).strict(),
    })
    .strict()
    .transform(({ fiscalYear, limit, balance, issuance, repayment }, context): GovernmentDebtFields => {
      // 预算法 art. 35: local governments borrow only within the limit the State Council sets, each kind apart.
      const breaches = (Object.keys(KIND_NAMES) as Array<keyof typeof KIND_NAMES>).map((kind): Breach | false => {
        const [field, name] = KIND_NAMES[kind];
        return (
          balance[kind] > limit[kind] && [
            `balance.${field}`,
            'within-limit',
            `the ${name} balance must not exceed its limit (${fenToYuan(limit[kind])}); got ${fenToYuan(balance[kind])}`,
          ]
        );
      });
      if (reportBreaches(context, breaches)) return z.NEVER;
      return {
        fiscalYear,
        limit,
        balance,
        issuance: { newBonds: issuance.newBonds, refinancingBonds: issuance.refinancingBonds },
        repayment: { principal: repayment.principal, interest: repayment.interest },
      };
    }),
  filter: {
    fields: { fiscalYear: 'Int' },
    where: (input: GovernmentDebtFilter) => allOf({ fiscalYear: input.fiscalYear ?? undefined }),
  },
  indexes: [{ key: { fiscalYear: -1, publishedAt: -1, _id: -1 }, name: 'fiscal_year' }],
  resolvers: {
    limit: (record: StoredGovernmentDebt) => amounts(record.limit),
    balance: (record: StoredGovernmentDebt) => amounts(record.balance),
    issuance: ({ issuance }: StoredGovernmentDebt) => ({
      newBonds: amounts(issuance.newBonds),
      refinancingBonds: amounts(issuance.refinancingBonds),
      total: amounts(sum([issuance.newBonds, issuance.refinancingBonds])),
    }),
    repayment: ({ repayment }: StoredGovernmentDebt) => ({
      principal: amounts(repayment.principal),
      interest: amounts(repayment.interest),
      total: amounts(sum([repayment.principal, repayment.interest])),
    }),
  },
});
