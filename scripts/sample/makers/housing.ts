import type { SampleContext, SampleMakers } from '../context';
import type { Random } from '../random';
import type { DisclosureInput } from '../../../model/input';
import { idCheckCharacter, maskIdNumber, type MaskedIdNumber } from '../../../model/deidentify';
import { maskedPersonName } from '../names';
import type { AffordableHousingProjectFields } from '../../../model/records/housing/affordable-housing-project';
import type { HousingAllocationFields } from '../../../model/records/housing/housing-allocation';
import type { AllocationOutcome, HousingType } from '../../../subgraphs/housing/generated/types';

const TOWNS = ['城关镇', '荣家湾镇', '新墙镇', '鹿门镇', '柏杨镇', '环城镇', '仙河镇', '吕河镇', '鹿城镇', '厉山镇'];
const ESTATES = ['滨湖花园', '康居小区', '安居苑', '幸福家园', '阳光新城', '和谐家园', '惠民小区', '福安苑'];
const OLD_DISTRICTS = ['老街片区', '火车站片区', '老城区东门片区', '南门片区', '城中村片区', '糖厂片区'];
const IMPLEMENTING_BODIES = [
  '城市建设投资开发有限公司',
  '住房保障服务中心',
  '城市发展集团有限公司',
  '安居工程建设投资有限公司',
  '国有资产经营有限公司',
];
const BATCH_NUMERALS = ['一', '二', '三', '四'];
const TYPE_NAMES: Record<HousingType, string> = {
  PUBLIC_RENTAL: '公租房',
  LOW_RENT: '廉租房',
  ECONOMY: '经济适用房',
  SHANTY_TOWN_RENOVATION: '棚户区改造',
  SUBSIDISED_RENTAL: '保障性租赁住房',
};

/** The kinds of housing a plan year could have: low-rent merged into public rental in 2014, subsidised rental began in 2021. */
function housingTypesOf(planYear: number): HousingType[] {
  const types: HousingType[] = ['PUBLIC_RENTAL', 'SHANTY_TOWN_RENOVATION', 'SHANTY_TOWN_RENOVATION'];
  if (planYear < 2014) types.push('LOW_RENT', 'ECONOMY');
  if (planYear >= 2021) types.push('SUBSIDISED_RENTAL', 'SUBSIDISED_RENTAL');
  return types;
}

function affordableHousingProject(ctx: SampleContext): DisclosureInput<AffordableHousingProjectFields> {
  const { rng } = ctx;
  const agency = ctx.agency('housing');
  const reportedOn = ctx.day();
  const planYear = ctx.yearOf(reportedOn);
  const housingType = rng.pick(housingTypesOf(planYear));
  const region = ctx.regionName(agency.regionCode);
  const town = rng.pick(TOWNS);
  const site = housingType === 'SHANTY_TOWN_RENOVATION' ? rng.pick(OLD_DISTRICTS) : rng.pick(ESTATES);
  const projectName = `${region}${town}${site}${TYPE_NAMES[housingType]}项目`;
  const unitsPlanned = rng.int(5, 200) * 10;
  const unitsStarted = Math.round(unitsPlanned * rng.decimal(0.6, 1, 2));
  const unitsCompleted = Math.round(unitsStarted * rng.decimal(0, 1, 2));
  const averageAreaSquareMetres = housingType === 'SHANTY_TOWN_RENOVATION' || housingType === 'ECONOMY' ? rng.int(70, 110) : rng.int(40, 60);
  const investmentYuan = unitsPlanned * averageAreaSquareMetres * rng.int(1_800, 4_200);
  return {
    type: 'AffordableHousingProject',
    envelope: ctx.envelope({
      agency,
      title: `${region}${planYear}年保障性安居工程${TYPE_NAMES[housingType]}项目建设情况公开（${projectName}）`,
      category: '保障性安居工程',
      subjectTerms: ['保障性住房', TYPE_NAMES[housingType], '项目建设'],
      eventOn: reportedOn,
    }),
    fields: {
      projectName,
      housingType,
      location: `${town}${rng.pick(['人民路', '建设路', '解放路', '滨江路', '新华街'])}${rng.int(1, 300)}号`,
      planYear,
      unitsPlanned,
      unitsStarted,
      unitsCompleted,
      // Investment is reported in ten-thousands of yuan 万元.
      investmentFen: Math.round(investmentYuan / 10_000) * 10_000 * 100,
      implementingBody: `${region}${rng.pick(IMPLEMENTING_BODIES)}`,
    },
  };
}

/** A resident ID number of the region, masked as soon as it is made: the raw number never leaves this function. */
function maskedIdNumber(rng: Random, regionCode: string): MaskedIdNumber {
  const birthYear = rng.int(1950, 2000);
  const birthDay = `${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const serial = String(rng.int(1, 999)).padStart(3, '0');
  if (rng.chance(0.03)) return maskIdNumber(`${regionCode}${String(birthYear).slice(2)}${birthDay}${serial}`);
  const body = `${regionCode}${birthYear}${birthDay}${serial}`;
  return maskIdNumber(`${body}${idCheckCharacter(body)}`);
}

function housingAllocation(ctx: SampleContext): DisclosureInput<HousingAllocationFields> {
  const { rng } = ctx;
  const agency = ctx.agency('housing');
  const allocatedOn = ctx.day();
  const year = ctx.yearOf(allocatedOn);
  const region = ctx.regionName(agency.regionCode);
  const rentSubsidy = rng.chance(0.25);
  const projectName = rentSubsidy ? `${region}城镇住房困难家庭租赁补贴` : `${region}${rng.pick(ESTATES)}公租房项目`;
  const batch = `${year}年第${rng.pick(BATCH_NUMERALS)}批`;
  const outcome = rng.pick<AllocationOutcome>(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'WAITLISTED', 'REJECTED']);
  const householdSize = rng.pick([1, 2, 2, 3, 3, 3, 4, 4, 5, 6]);
  const allocatedUnit = outcome === 'APPROVED' && !rentSubsidy;
  const grantedSubsidy = outcome === 'APPROVED' && rentSubsidy;
  return {
    type: 'HousingAllocation',
    envelope: ctx.envelope({
      agency,
      title: `${projectName}${batch}分配结果公示`,
      category: '保障性住房分配',
      subjectTerms: rentSubsidy ? ['租赁补贴', '分配结果', '公示'] : ['公租房', '分配结果', '公示'],
      eventOn: allocatedOn,
    }),
    fields: {
      projectName,
      householdHead: maskedPersonName(rng),
      idNumber: maskedIdNumber(rng, agency.regionCode),
      householdSize,
      outcome,
      unitNumber: allocatedUnit ? `${rng.int(1, 12)}栋${rng.int(1, 4)}单元${rng.int(1, 18)}${String(rng.int(1, 4)).padStart(2, '0')}` : null,
      unitAreaSquareMetres: allocatedUnit ? rng.decimal(35, 60, 2) : null,
      // Subsidy standard per household member per month 元/人·月, times the household size.
      monthlyRentSubsidyFen: grantedSubsidy ? rng.pick([80, 100, 120, 150]) * householdSize * 100 : null,
      batch,
      allocatedOn,
    },
  };
}

export const housingSamples: SampleMakers = {
  AffordableHousingProject: affordableHousingProject,
  HousingAllocation: housingAllocation,
};
