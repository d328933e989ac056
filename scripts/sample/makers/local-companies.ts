/** Local companies of the sample regions: their names, credit codes and towns, for every domain's makers. */
import type { Random } from '../random';
import { creditCodeCheck, unifiedSocialCreditCode } from '../../../model/agency-code';

/** How local companies name themselves, and towns, for every region with sample departments. */
const LOCAL: Record<string, { companyPrefix: string; localities: string[] }> = {
  '430600': { companyPrefix: '岳阳', localities: ['岳阳县荣家湾镇', '华容县三封寺镇', '临湘市长安街道', '汨罗市归义镇'] },
  '430621': { companyPrefix: '岳阳县', localities: ['荣家湾镇', '新墙镇', '筻口镇', '黄沙街镇', '月田镇'] },
  '532300': { companyPrefix: '楚雄', localities: ['楚雄市东瓜镇', '禄丰县金山镇', '双柏县妥甸镇', '南华县龙川镇'] },
  '532301': { companyPrefix: '楚雄', localities: ['鹿城镇', '东瓜镇', '吕合镇', '紫溪镇'] },
  '532322': { companyPrefix: '双柏县', localities: ['妥甸镇', '大庄镇', '法脿镇'] },
  '421300': { companyPrefix: '随州', localities: ['曾都区南郊街道', '广水市应山街道', '随县厉山镇'] },
  '421321': { companyPrefix: '随县', localities: ['厉山镇', '高城镇', '殷店镇', '草店镇', '小林镇'] },
  '340500': { companyPrefix: '马鞍山', localities: ['含山县环峰镇', '和县历阳镇', '当涂县姑孰镇', '雨山区采石街道'] },
  '340522': { companyPrefix: '含山县', localities: ['环峰镇', '运漕镇', '铜闸镇', '陶厂镇', '林头镇'] },
  '371600': { companyPrefix: '滨州', localities: ['无棣县埕口镇', '沾化区富源街道', '滨城区市中街道', '惠民县胡集镇'] },
  '371623': { companyPrefix: '无棣', localities: ['棣丰街道', '埕口镇', '马山子镇', '水湾镇'] },
  '610900': { companyPrefix: '安康', localities: ['旬阳县城关镇', '汉滨区关庙镇', '白河县中厂镇', '紫阳县蒿坪镇'] },
  '610928': { companyPrefix: '旬阳县', localities: ['城关镇', '吕河镇', '蜀河镇', '棕溪镇'] },
  '610929': { companyPrefix: '白河县', localities: ['城关镇', '中厂镇', '构扒镇', '卡子镇'] },
};
export const BRANDS = ['宏达', '鑫源', '华盛', '恒通', '永安', '兴旺', '金鼎', '瑞丰', '顺发', '天宇', '新华', '中诚'];

export function local(regionCode: string) {
  const details = LOCAL[regionCode];
  if (!details) throw new Error(`no sample localities for region ${regionCode}`);
  return details;
}

export function companyName(rng: Random, prefix: string, trades: readonly string[]): string {
  return `${prefix}${rng.pick(BRANDS)}${rng.pick(trades)}${rng.pick(['有限公司', '有限责任公司'])}`;
}

/**
 * A valid code of a market entity (registration authority 9 市场监管) derived from its name: of an
 * enterprise (category 1 企业), or of an individual business (category 2 个体工商户).
 */
export function companyCreditCode(regionCode: string, name: string, category: '1' | '2' = '1'): string {
  const first17 = `9${category}${unifiedSocialCreditCode(regionCode, name).slice(2, 17)}`;
  return first17 + creditCodeCheck(first17);
}

/** `2016年3月12日` for `2016-03-12`. */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}
