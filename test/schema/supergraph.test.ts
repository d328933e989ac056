/**
 * The committed supergraph is what @apollo/composition makes of the subgraphs' schema.graphql files as
 * they are on disk, and every type, field, argument and enum value the gateway serves carries a
 * description.
 */
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, isIntrospectionType, isSpecifiedScalarType } from 'graphql';
import { committedSupergraph, composeSupergraph, subgraphServices } from '../../scripts/lib/compose';

describe('schema/supergraph.graphql', () => {
  it('is what @apollo/composition composes from the on-disk schema.graphql files (run npm run compose after changing one)', () => {
    expect(committedSupergraph()).toBe(composeSupergraph(subgraphServices()));
  });

  it('is not what a changed file composes to', () => {
    const changed = subgraphServices().map((service) =>
      service.name === 'land' ? { ...service, sdl: service.sdl.replace('"Land transfers this agency published."', '"Land transfers 出让 this agency published."') } : service,
    );
    const composed = composeSupergraph(changed);
    expect(composed).not.toBe(committedSupergraph());
    expect(composed.replace('Land transfers 出让 this agency published.', 'Land transfers this agency published.')).toBe(committedSupergraph());
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

  it('exposes the catalogue, the Disclosure interface and every record type', () => {
    const disclosure = schema.getType('Disclosure') as GraphQLInterfaceType;
    expect(schema.getPossibleTypes(disclosure).map((t) => t.name).sort()).toEqual([
      'AdministrativePenalty', 'AffordableHousingProject', 'BudgetReport', 'EnrolmentPlan', 'FoodDrugSampling',
      'HouseExpropriation', 'HousingAllocation', 'LandExpropriation', 'LandTransfer', 'ProcurementAward',
      'MiningRightTransfer', 'PublicExpenseReport', 'School', 'SchoolFee', 'SafetyAccident',
      'EnvironmentalEnforcement', 'AdministrativeLicence', 'AdministrativeCoercion',
      'AdministrativeFee', 'GovernmentDebt', 'SpecialFundAllocation', 'StudentAid',
      'PolicyDocument', 'Notice', 'PolicyInterpretation', 'Consultation', 'DisclosureGuide',
    ].sort());
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(expect.arrayContaining(['catalogue', 'disclosure', 'agency', 'region']));
  });
});
