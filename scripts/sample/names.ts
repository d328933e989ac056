import { maskName, type MaskedName } from '../../model/deidentify';
import type { Random } from './random';

const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '欧阳', '司马'];
const GIVEN_NAME_CHARACTERS = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志红玉梅德福'];

/** A natural person's name, masked as soon as it is made: the raw name never leaves this function. */
export function maskedPersonName(rng: Random): MaskedName {
  const given = rng.sample(GIVEN_NAME_CHARACTERS, rng.chance(0.3) ? 1 : 2).join('');
  return maskName(`${rng.pick(SURNAMES)}${given}`);
}
