/**
 * A second composer reads the on-disk schema.graphql files as they are: @theguild/federation-composition
 * composes them without errors into a supergraph equivalent to the committed one (composed by
 * @apollo/composition). What "equivalent" means, and the one place the two differ, is written down
 * in ./supergraph-equivalence.ts.
 */
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { committedSupergraph, subgraphServices, type SubgraphService } from '../../scripts/lib/compose';
import { apiSchemaOf, describedDifferently, descriptionsOf, disagreedDescriptions, resolversOf, withoutDescriptions } from './supergraph-equivalence';

function composeWithGuild(services: SubgraphService[]): { supergraph?: string; errors: string[] } {
  const result = composeServices(services.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  return { supergraph: result.supergraphSdl, errors: (result.errors ?? []).map((error) => error.message) };
}

const services = subgraphServices();
const committed = committedSupergraph();
const guild = composeWithGuild(services);
const committedApi = apiSchemaOf(committed);

/** The land subgraph's file with one description changed (Agency.landTransfers) and one argument gone (Query.landTransfers(filter:)). */
const changedLand = services.map((service) =>
  service.name === 'land'
    ? { ...service, sdl: service.sdl.replace('"Land transfers this agency published."', '"Land transfers 出让 this agency published."').replace('"Filters on the transfer\'s own fields."\n    filter: LandTransferFilter\n', '') }
    : service,
);

describe('@theguild/federation-composition on the on-disk schema.graphql files', () => {
  it('composes them without errors', () => {
    expect(guild.errors).toEqual([]);
    expect(guild.supergraph).toContain('@link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)');
  });

  it('makes the same subgraphs resolve every type, field and enum value as the committed supergraph', () => {
    expect(resolversOf(guild.supergraph!)).toEqual(resolversOf(committed));
  });

  it('describes differently only elements the subgraphs disagree on, taking one of their descriptions', () => {
    const guildApi = apiSchemaOf(guild.supergraph!);
    const disagreed = disagreedDescriptions(services.map((service) => service.sdl));
    const differing = describedDifferently(guildApi, committedApi);
    // @apollo/composition takes the description most subgraphs give (the domain subgraphs' five), the
    // Guild's composer the catalogue's (first by name).
    expect(differing).toEqual(['Agency.code', 'Region', 'Region.code']);
    for (const coordinate of differing) {
      expect([coordinate, disagreed.get(coordinate)]).toEqual([
        coordinate,
        expect.arrayContaining([descriptionsOf(guildApi).get(coordinate), descriptionsOf(committedApi).get(coordinate)]),
      ]);
    }
  });

  it('gives the same API schema as the committed supergraph but for those descriptions', () => {
    const differing = describedDifferently(apiSchemaOf(guild.supergraph!), committedApi);
    expect(withoutDescriptions(apiSchemaOf(guild.supergraph!), differing)).toBe(withoutDescriptions(committedApi, differing));
  });
});

describe('the equivalence', () => {
  it('sees a changed description and a missing argument in what a changed file composes to', () => {
    const changed = composeWithGuild(changedLand);
    expect(changed.errors).toEqual([]);
    const changedApi = apiSchemaOf(changed.supergraph!);
    const differing = describedDifferently(changedApi, committedApi);
    expect(differing).toEqual(['Agency.code', 'Agency.landTransfers', 'Query.landTransfers(filter:)', 'Region', 'Region.code']);
    expect(disagreedDescriptions(changedLand.map((service) => service.sdl)).has('Agency.landTransfers')).toBe(false);
    expect([descriptionsOf(changedApi).has('Query.landTransfers(filter:)'), descriptionsOf(committedApi).has('Query.landTransfers(filter:)')]).toEqual([false, true]);
    expect(withoutDescriptions(changedApi, differing)).not.toBe(withoutDescriptions(committedApi, differing));
  });

  it('sees a field resolved by another subgraph', () => {
    const moved = committed.replace('  ): LandTransferConnection! @join__field(graph: LAND)\n', '  ): LandTransferConnection! @join__field(graph: FINANCE)\n');
    expect(moved).not.toBe(committed);
    const [before, after] = [resolversOf(committed), resolversOf(moved)];
    expect(after.filter((fact) => !before.includes(fact))).toEqual(['field Agency.landTransfers: finance']);
    expect(before.filter((fact) => !after.includes(fact))).toEqual(['field Agency.landTransfers: land']);
    expect(apiSchemaOf(moved)).toBe(committedApi);
  });

  it('sees a reference to an entity made resolvable', () => {
    const resolvable = committed.replace('@join__type(graph: LAND, key: "code", resolvable: false)', '@join__type(graph: LAND, key: "code")');
    expect(resolvable).not.toBe(committed);
    const [before, after] = [resolversOf(committed), resolversOf(resolvable)];
    const region = (land: string) =>
      `type Region: catalogue key: code, documents key: code resolvable: false, education key: code resolvable: false, enforcement key: code resolvable: false, finance key: code resolvable: false, housing key: code resolvable: false, ${land}, safety key: code resolvable: false`;
    expect(before.filter((fact) => !after.includes(fact))).toEqual([region('land key: code resolvable: false')]);
    expect(after.filter((fact) => !before.includes(fact))).toEqual([region('land key: code')]);
  });
});
