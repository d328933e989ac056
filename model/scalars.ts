import { GraphQLScalarType, Kind } from 'graphql';
import { CurrencyResolver, DateResolver, DateTimeResolver, SafeIntResolver, URLResolver } from 'graphql-scalars';

const YUAN_PATTERN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** Whether a string is written as a yuan amount (digits, up to two decimals), whatever its size. */
export function isYuanAmount(value: string): boolean {
  return YUAN_PATTERN.test(value);
}

/** Parses an exact decimal yuan string into integer fen, or throws with the rule it broke. */
export function yuanToFen(value: string): number {
  if (!isYuanAmount(value)) {
    throw new TypeError(
      `YuanAmount must be a non-negative decimal with at most two decimals, like "1250000" or "98.50"; got ${JSON.stringify(value)}`,
    );
  }
  const [whole, fraction = ''] = value.split('.');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new TypeError(`YuanAmount ${value} is too large`);
  return fen;
}

/** Formats integer fen as an exact yuan string with two decimals. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const YuanAmountScalar = new GraphQLScalarType({
  name: 'YuanAmount',
  description: 'An exact amount of yuan as a decimal string; parsed to integer fen.',
  serialize: (value) => fenToYuan(Number(value)),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new TypeError('YuanAmount must be given as a string, e.g. "98.50"');
    return yuanToFen(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('YuanAmount must be given as a string, e.g. "98.50"');
    return yuanToFen(ast.value);
  },
});

export interface MoneyValue {
  fen: number;
  yuan: string;
  currency: 'CNY';
}

export function money(fen: number): MoneyValue;
export function money(fen: number | null | undefined): MoneyValue | null;
export function money(fen: number | null | undefined): MoneyValue | null {
  return fen === null || fen === undefined ? null : { fen, yuan: fenToYuan(fen), currency: 'CNY' };
}

/** Resolvers for the scalars of schema/common.graphql, for every subgraph. */
export const scalarResolvers = {
  Date: DateResolver,
  DateTime: DateTimeResolver,
  URL: URLResolver,
  SafeInt: SafeIntResolver,
  Currency: CurrencyResolver,
  YuanAmount: YuanAmountScalar,
};
