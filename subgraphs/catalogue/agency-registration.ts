/**
 * Registering agencies 机构登记: a key registers agencies under one it acts for (a government its
 * departments and the governments below it), so bodies known only by an organisation code can
 * publish too. The catalogue owns agencies; a new one can get keys (`npm run keys`) at once.
 */
import { AGENCY_CODE_RULE, isAgencyCode, normalizeAgencyCode } from '../../model/agency-code';
import { codedError } from '../../platform/error-codes';
import { badUserInput } from '../../platform/errors';
import type { StoredAgency } from '../../storage/reference';
import type { CatalogueContext } from './context';
import { requireAgency } from '../kit/auth';

const MAX_NAME_LENGTH = 200;

export interface AgencyRegistration {
  code: string;
  name: string;
  kind: StoredAgency['kind'];
  parentCode: string;
  regionCode: string;
}

export async function registerAgency({ agency }: { agency: AgencyRegistration }, context: CatalogueContext): Promise<StoredAgency> {
  const actor = requireAgency(context.actor, 'Publishing');
  const code = normalizeAgencyCode(agency.code);
  if (!isAgencyCode(code)) throw badUserInput('agency.code', 'check-character', AGENCY_CODE_RULE);
  const name = agency.name.trim();
  if (!name || [...name].length > MAX_NAME_LENGTH) throw badUserInput('agency.name', 'length', `must have 1 to ${MAX_NAME_LENGTH} characters`);
  if (!actor.scope.has(agency.parentCode)) {
    throw codedError('FORBIDDEN', `This API key may not register agencies under ${agency.parentCode}: it acts only for ${actor.agencyCode} and the agencies under it`);
  }
  const [parent, region] = await Promise.all([context.agencies.load(agency.parentCode), context.regions.load(agency.regionCode)]);
  if (!parent) throw badUserInput('agency.parentCode', 'reference', `no agency ${agency.parentCode}`);
  if (!region) throw badUserInput('agency.regionCode', 'reference', `no region ${agency.regionCode}`);
  if (!(await context.repository.regionPathOf(region._id, context.work)).includes(parent.regionCode)) {
    throw badUserInput('agency.regionCode', 'region-scope', `must be the region of ${parent.name} (${parent.regionCode}) or a region below it`);
  }
  const registered: StoredAgency = { _id: code, name, level: region.level, kind: agency.kind, parentCode: parent._id, regionCode: region._id };
  const added = await context.repository.addAgency(registered);
  if (added.outcome === 'conflict') {
    throw badUserInput('agency.code', 'unique', `${code} is already registered, as ${added.stored.name} under ${added.stored.parentCode ?? 'no parent'} in ${added.stored.regionCode}`);
  }
  context.agencies.clear(code);
  return registered;
}
