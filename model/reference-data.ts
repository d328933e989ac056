/**
 * The regions and agencies of the seed documents (岳阳县, 楚雄州, 随县, 含山县, 无棣县, 旬阳县, 白河县,
 * their prefectures and provinces) with their finance, land, housing, education and safety
 * departments. Codes are GB/T 2260 region codes and unified social credit codes (GB 32100-2015) with
 * valid check characters: the one a seed page prints, derived from the name for the others.
 */
import { unifiedSocialCreditCode } from './agency-code';
import type { AdministrativeLevel, StoredAgency, StoredRegion } from '../storage/reference';

interface RegionSeed {
  code: string;
  name: string;
  /** How agencies of this region write its name, e.g. 楚雄州 for 楚雄彝族自治州. */
  agencyPrefix?: string;
  level: AdministrativeLevel;
  parent: string | null;
}

const REGION_SEEDS: RegionSeed[] = [
  { code: '430000', name: '湖南省', level: 'PROVINCE', parent: null },
  { code: '430600', name: '岳阳市', level: 'PREFECTURE', parent: '430000' },
  { code: '430621', name: '岳阳县', level: 'COUNTY', parent: '430600' },
  { code: '530000', name: '云南省', level: 'PROVINCE', parent: null },
  { code: '532300', name: '楚雄彝族自治州', agencyPrefix: '楚雄州', level: 'PREFECTURE', parent: '530000' },
  { code: '532301', name: '楚雄市', level: 'COUNTY', parent: '532300' },
  { code: '532322', name: '双柏县', level: 'COUNTY', parent: '532300' },
  { code: '420000', name: '湖北省', level: 'PROVINCE', parent: null },
  { code: '421300', name: '随州市', level: 'PREFECTURE', parent: '420000' },
  { code: '421321', name: '随县', level: 'COUNTY', parent: '421300' },
  { code: '340000', name: '安徽省', level: 'PROVINCE', parent: null },
  { code: '340500', name: '马鞍山市', level: 'PREFECTURE', parent: '340000' },
  { code: '340522', name: '含山县', level: 'COUNTY', parent: '340500' },
  { code: '370000', name: '山东省', level: 'PROVINCE', parent: null },
  { code: '371600', name: '滨州市', level: 'PREFECTURE', parent: '370000' },
  { code: '371623', name: '无棣县', level: 'COUNTY', parent: '371600' },
  { code: '610000', name: '陕西省', level: 'PROVINCE', parent: null },
  { code: '610900', name: '安康市', level: 'PREFECTURE', parent: '610000' },
  { code: '610928', name: '旬阳县', level: 'COUNTY', parent: '610900' },
  { code: '610929', name: '白河县', level: 'COUNTY', parent: '610900' },
];

/** The departments that publish each domain's records (names as they were in the seeds' years). */
export const DEPARTMENTS = {
  government: '人民政府办公室',
  finance: '财政局',
  land: '国土资源局',
  housing: '住房和城乡建设局',
  education: '教育局',
  workSafety: '安全生产监督管理局',
  foodDrug: '食品药品监督管理局',
  environment: '环境保护局',
} as const;

export type DepartmentKind = keyof typeof DEPARTMENTS;

export interface SampleAgency extends StoredAgency {
  department: DepartmentKind;
}

export const REGIONS: StoredRegion[] = REGION_SEEDS.map((r) => ({
  _id: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent,
}));

/** Codes the seed pages print for their agencies (seed 002's index number starts with its agency's). */
const PUBLISHED_CODES: Readonly<Record<string, string>> = {
  楚雄州人民政府办公室: '115323000151673132',
};

function agencyName(region: RegionSeed, department: DepartmentKind): string {
  const prefix = region.agencyPrefix ?? region.name;
  if (department === 'government' && region.level === 'PROVINCE') return `${prefix}人民政府办公厅`;
  return `${prefix}${DEPARTMENTS[department]}`;
}

function buildAgencies(): SampleAgency[] {
  const agencies: SampleAgency[] = [];
  const governmentOf = new Map<string, string>();
  for (const region of REGION_SEEDS) {
    const departments: DepartmentKind[] =
      region.level === 'PROVINCE' ? ['government'] : (Object.keys(DEPARTMENTS) as DepartmentKind[]);
    for (const department of departments) {
      const name = agencyName(region, department);
      const code = PUBLISHED_CODES[name] ?? unifiedSocialCreditCode(region.code, name);
      const isGovernment = department === 'government';
      if (isGovernment) governmentOf.set(region.code, code);
      agencies.push({
        _id: code,
        name,
        level: region.level,
        kind: isGovernment ? 'GOVERNMENT' : 'DEPARTMENT',
        parentCode: isGovernment
          ? region.parent
            ? (governmentOf.get(region.parent) ?? null)
            : null
          : (governmentOf.get(region.code) ?? null),
        regionCode: region.code,
        department,
      });
    }
  }
  return agencies;
}

export const AGENCIES: SampleAgency[] = buildAgencies();

/** What is stored for an agency: the sample's department tag is left out. */
export function storedAgency({ department: _department, ...agency }: SampleAgency): StoredAgency {
  return agency;
}

export function regionName(code: string): string {
  return REGION_SEEDS.find((r) => r.code === code)?.name ?? code;
}
