import { educationInputs } from './education/input';
import { financeInputs } from './finance/input';
import { housingInputs } from './housing/input';
import { landInputs } from './land/input';
import { safetyInputs } from './safety/input';
import type { RecordTypeName } from '../model/record-types';
import type { FieldsSchema } from '../model/input';

/** Every record type's input schema: how publishers send its own fields (see each domain's input.ts). */
export const fieldSchemas: Partial<Record<RecordTypeName, FieldsSchema>> = {
  ...educationInputs,
  ...financeInputs,
  ...housingInputs,
  ...landInputs,
  ...safetyInputs,
};
