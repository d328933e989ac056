import type { SampleContext, SampleMakers } from '../context';
import type { DisclosureInput } from '../../../model/input';
import type { HouseExpropriationFields } from '../../../model/records/land/house-expropriation';
import type { LandExpropriationFields } from '../../../model/records/land/land-expropriation';
import type { LandTransferFields } from '../../../model/records/land/land-transfer';
import type { MiningRightTransferFields } from '../../../model/records/land/mining-right-transfer';
import type { LandType, LandUse, MiningRight, MiningRightTransferMethod, TransferMethod } from '../../../subgraphs/land/generated/types';

const TOWNS = ['城关镇', '荣家湾镇', '新墙镇', '筻口镇', '鹿门镇', '柏杨镇', '环城镇', '仙河镇', '吕河镇', '铜钱关镇'];
const VILLAGES = ['东山村', '西湖村', '新民村', '和平村', '团结村', '光明村', '红星村', '长岭村'];
const COMPANIES = [
  '岳阳城投置业有限公司',
  '楚雄恒达房地产开发有限公司',
  '随州市鑫源实业有限公司',
  '含山县华安建材有限公司',
  '无棣海丰化工有限公司',
  '旬阳县汉江置业有限公司',
  '湖南中建信和房地产有限公司',
  '云南城投置业股份有限公司',
];
const USE_NAMES: Record<LandUse, string> = {
  RESIDENTIAL: '住宅',
  COMMERCIAL: '商服',
  INDUSTRIAL: '工业',
  MIXED: '商住',
  PUBLIC_SERVICE: '公共服务',
  STORAGE: '仓储',
};
const METHOD_NAMES: Record<TransferMethod, string> = { TENDER: '招标', AUCTION: '拍卖', LISTING: '挂牌', AGREEMENT: '协议' };
const TERM_YEARS: Record<LandUse, number> = {
  RESIDENTIAL: 70,
  COMMERCIAL: 40,
  INDUSTRIAL: 50,
  MIXED: 50,
  PUBLIC_SERVICE: 50,
  STORAGE: 50,
};
/** Rough price per square metre in yuan by use, for plausible figures. */
const YUAN_PER_SQUARE_METRE: Record<LandUse, [number, number]> = {
  RESIDENTIAL: [800, 4500],
  COMMERCIAL: [900, 5000],
  INDUSTRIAL: [150, 450],
  MIXED: [800, 4000],
  PUBLIC_SERVICE: [100, 600],
  STORAGE: [150, 400],
};
const SQUARE_METRES_PER_MU = 2000 / 3;

function landExpropriation(ctx: SampleContext): DisclosureInput<LandExpropriationFields> {
  const { rng } = ctx;
  const agency = ctx.agency('land');
  const approvedOn = ctx.day();
  const batch = rng.int(1, 12);
  const landType = rng.pick<LandType>(['ARABLE', 'ARABLE', 'GARDEN', 'FOREST', 'CONSTRUCTION', 'UNUSED', 'OTHER_AGRICULTURAL']);
  const areaSquareMetres = rng.decimal(3000, 400_000, 2);
  const compensationPerMuFen = rng.int(25_000, 90_000) * 100;
  const town = rng.pick(TOWNS);
  const region = ctx.regionName(agency.regionCode);
  return {
    type: 'LandExpropriation',
    envelope: ctx.envelope({
      agency,
      title: `${region}${ctx.yearOf(approvedOn)}年度第${batch}批次城市建设用地征地拆迁补偿方案公告`,
      category: '征地拆迁',
      subjectTerms: ['征地', '拆迁', '补偿'],
      documentNumberPrefix: `${region.slice(0, 1)}国土资征`,
      eventOn: approvedOn,
    }),
    fields: {
      approvalNumber: `${rng.pick(['湘', '云', '鄂', '皖', '鲁', '陕'])}政土批〔${ctx.yearOf(approvedOn)}〕${rng.int(10, 500)}号`,
      approvalAuthority: rng.chance(0.1) ? '国务院' : `${rng.pick(['湖南省', '云南省', '湖北省', '安徽省', '山东省', '陕西省'])}人民政府`,
      approvedOn,
      location: `${town}${rng.pick(VILLAGES)}、${rng.pick(VILLAGES)}`,
      areaSquareMetres,
      landType,
      compensationPerMuFen,
      totalCompensationFen: Math.round((areaSquareMetres / SQUARE_METRES_PER_MU) * compensationPerMuFen),
      householdsAffected: rng.int(3, 420),
      resettlementPlan: rng.pick(['货币安置', '留地安置', '社会保障安置', '货币安置与社会保障相结合']),
    },
  };
}

function houseExpropriation(ctx: SampleContext): DisclosureInput<HouseExpropriationFields> {
  const { rng } = ctx;
  const agency = ctx.agency('housing');
  const decidedOn = ctx.day();
  const region = ctx.regionName(agency.regionCode);
  const project = rng.pick(['棚户区改造', '旧城改造', '道路拓宽', '学校扩建', '滨江公园建设']);
  const households = rng.int(5, 900);
  return {
    type: 'HouseExpropriation',
    envelope: ctx.envelope({
      agency,
      title: `关于${region}${project}项目国有土地上房屋征收决定的公告`,
      category: '房屋征收',
      subjectTerms: ['房屋征收', '补偿', project],
      documentNumberPrefix: `${region.slice(0, 1)}政征字`,
      eventOn: decidedOn,
    }),
    fields: {
      decisionNumber: `${region.slice(0, 1)}政征决字〔${ctx.yearOf(decidedOn)}〕${rng.int(1, 40)}号`,
      decidedOn,
      purpose: `${project}（公共利益需要）`,
      scope: `${rng.pick(TOWNS)}${rng.pick(['解放路', '建设路', '人民路', '滨江路'])}以东、${rng.pick(['新华街', '中山街', '文化街'])}以北`,
      householdsAffected: households,
      buildingAreaSquareMetres: rng.decimal(households * 60, households * 140, 2),
      compensationPlan: rng.pick(['货币补偿', '房屋产权调换', '货币补偿或房屋产权调换，由被征收人选择']),
      compensationBudgetFen: households * rng.int(150_000, 600_000) * 100,
    },
  };
}

function landTransfer(ctx: SampleContext): DisclosureInput<LandTransferFields> {
  const { rng } = ctx;
  const agency = ctx.agency('land');
  const transferredOn = ctx.day();
  const use = rng.pick<LandUse>(['RESIDENTIAL', 'RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL', 'INDUSTRIAL', 'MIXED', 'STORAGE', 'PUBLIC_SERVICE']);
  const method = use === 'INDUSTRIAL' ? rng.pick<TransferMethod>(['LISTING', 'AGREEMENT']) : rng.pick<TransferMethod>(['LISTING', 'AUCTION', 'TENDER']);
  const areaSquareMetres = rng.decimal(2_000, 150_000, 2);
  const [low, high] = YUAN_PER_SQUARE_METRE[use];
  const startingPriceFen = Math.round(areaSquareMetres * rng.int(low, high)) * 100;
  const finalPriceFen = method === 'AUCTION' || method === 'LISTING' ? Math.round(startingPriceFen * rng.decimal(1, 1.6, 3)) : startingPriceFen;
  const region = ctx.regionName(agency.regionCode);
  const parcelNumber = `${agency.regionCode}-${ctx.yearOf(transferredOn)}-${String(rng.int(1, 999)).padStart(3, '0')}`;
  return {
    type: 'LandTransfer',
    envelope: ctx.envelope({
      agency,
      title: `${region}国有建设用地使用权${METHOD_NAMES[method]}出让结果公示（${parcelNumber}号宗地）`,
      category: '土地出让',
      subjectTerms: ['土地出让', USE_NAMES[use], METHOD_NAMES[method]],
      eventOn: transferredOn,
    }),
    fields: {
      parcelNumber,
      location: `${rng.pick(TOWNS)}${rng.pick(['工业园区', '新区', '老城区', '开发区'])}`,
      areaSquareMetres,
      use,
      termYears: TERM_YEARS[use],
      method,
      floorAreaRatio: use === 'INDUSTRIAL' ? rng.decimal(1, 1.5, 1) : rng.decimal(1.2, 3.5, 1),
      startingPriceFen,
      finalPriceFen,
      winningParty: rng.pick(COMPANIES),
      transferredOn,
    },
  };
}

/** Minerals whose rights counties and prefectures transfer: metals explored for, and building stone and sand mined. */
const MINERALS: Record<MiningRight, string[]> = {
  EXPLORATION: ['金矿', '铜矿', '铅锌矿', '钨矿', '锰矿', '晶质石墨', '萤石'],
  MINING: ['建筑用灰岩', '建筑用砂', '砖瓦用页岩', '建筑用花岗岩', '水泥用灰岩', '饰面用大理岩'],
};
const MINING_COMPANIES = [
  '岳阳县鑫源矿业有限公司',
  '楚雄州恒通矿业开发有限公司',
  '湖南湘金矿业有限公司',
  '云南铜业矿产资源勘查开发有限公司',
  '随州市华新建材有限公司',
  '含山县金山石料有限公司',
  '陕西旬阳汉江矿业有限公司',
];
const MINING_METHOD_NAMES: Record<MiningRightTransferMethod, string> = {
  TENDER: '招标',
  AUCTION: '拍卖',
  LISTING: '挂牌',
  AGREEMENT: '协议',
  FIRST_COME_APPLICATION: '申请在先',
};

function miningRightTransfer(ctx: SampleContext): DisclosureInput<MiningRightTransferFields> {
  const { rng } = ctx;
  const agency = ctx.agency('land');
  const transferredOn = ctx.day();
  const right = rng.pick<MiningRight>(['MINING', 'MINING', 'MINING', 'EXPLORATION']);
  const method =
    right === 'EXPLORATION'
      ? rng.pick<MiningRightTransferMethod>(['LISTING', 'LISTING', 'AUCTION', 'TENDER', 'FIRST_COME_APPLICATION'])
      : rng.pick<MiningRightTransferMethod>(['LISTING', 'LISTING', 'AUCTION', 'AUCTION', 'TENDER', 'AGREEMENT']);
  const mineral = rng.pick(MINERALS[right]);
  const startingPriceFen = (right === 'EXPLORATION' ? rng.int(20, 500) : rng.int(100, 5_000)) * 10_000 * 100;
  const finalPriceFen =
    method === 'AUCTION' || method === 'LISTING' || method === 'TENDER' ? Math.round(startingPriceFen * rng.decimal(1, 2.5, 3)) : startingPriceFen;
  const region = ctx.regionName(agency.regionCode);
  const town = rng.pick(TOWNS);
  const rightName = right === 'EXPLORATION' ? '探矿权' : '采矿权';
  const year = ctx.yearOf(transferredOn);
  const licenceNumber = rng.chance(0.3)
    ? null
    : right === 'EXPLORATION'
      ? `T${agency.regionCode.slice(0, 2)}${rng.int(10, 99)}${year}${String(rng.int(1, 99_999_999)).padStart(8, '0')}`
      : `C${agency.regionCode}${year}${String(rng.int(1, 999_999_999_999)).padStart(12, '0')}`;
  return {
    type: 'MiningRightTransfer',
    envelope: ctx.envelope({
      agency,
      title: `${region}${town}${mineral}${rightName}${MINING_METHOD_NAMES[method]}出让结果公示`,
      category: '矿业权出让',
      subjectTerms: ['矿业权出让', rightName, mineral],
      eventOn: transferredOn,
    }),
    fields: {
      projectName: `${region}${town}${mineral}${right === 'EXPLORATION' ? '勘探' : '矿'}`,
      right,
      mineral,
      location: `${town}${rng.pick(VILLAGES)}`,
      areaSquareKilometres: right === 'EXPLORATION' ? rng.decimal(1, 50, 2) : rng.decimal(0.02, 2, 4),
      method,
      termYears: right === 'EXPLORATION' ? 5 : rng.pick([3, 5, 10, 10, 20, 30]),
      startingPriceFen,
      finalPriceFen,
      winningParty: rng.pick(MINING_COMPANIES),
      licenceNumber,
      transferredOn,
    },
  };
}

export const landSamples: SampleMakers = {
  LandExpropriation: landExpropriation,
  HouseExpropriation: houseExpropriation,
  LandTransfer: landTransfer,
  MiningRightTransfer: miningRightTransfer,
};
