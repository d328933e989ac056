/**
 * The committed supergraph is what the subgraphs compose to today, and every type, field, argument
 * and enum value the gateway serves carries a description.
 */
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, isIntrospectionType, isSpecifiedScalarType } from 'graphql';
import { committedSupergraph, composeSupergraph } from '../../scripts/lib/compose';

describe('schema/supergraph.graphql', () => {
  it('is what `npm run compose` produces now (run it after changing a subgraph schema)', () => {
    expect(committedSupergraph()).toBe(composeSupergraph());
  });
});

describe('the API schema', () => {
  const schema = Supergraph.build(committedSupergraph()).apiSchema().toGraphQLJSSchema();
  const undocumented: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description?.trim()) undocumented.push(type.name);
    if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description?.trim()) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (type instanceof GraphQLInputObjectType) {
      for (const field of Object.values(type.getFields())) if (!field.description?.trim()) undocumented.push(`${type.name}.${field.name}`);
    }
    if (type instanceof GraphQLEnumType) {
      for (const value of type.getValues()) if (!value.description?.trim()) undocumented.push(`${type.name}.${value.name}`);
    }
  }

  it('describes every type, field, argument and enum value', () => {
    expect(undocumented).toEqual([]);
  });

  it('exposes the catalogue, the Disclosure interface and all fourteen record types', () => {
    const disclosure = schema.getType('Disclosure') as GraphQLInterfaceType;
    expect(schema.getPossibleTypes(disclosure).map((t) => t.name).sort()).toEqual([
      'AdministrativePenalty', 'AffordableHousingProject', 'BudgetReport', 'EnrolmentPlan', 'FoodDrugSampling',
      'HouseExpropriation', 'HousingAllocation', 'LandExpropriation', 'LandTransfer', 'ProcurementAward',
      'PublicExpenseReport', 'School', 'SchoolFee', 'SafetyAccident',
    ].sort());
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(expect.arrayContaining(['catalogue', 'disclosure', 'agency', 'region']));
  });
});
