import { educationInputs } from './education/input';
import { financeInputs } from './finance/input';
import { housingInputs } from './housing/input';
import { landInputs } from './land/input';
import { safetyInputs } from './safety/input';
import type { RecordTypeName } from './shared/domains';
import type { FieldsSchema } from './shared/input';

/** Every record type's input schema: how publishers send its own fields (see each domain's input.ts). */
export const fieldSchemas: Partial<Record<RecordTypeName, FieldsSchema>> = {
  ...educationInputs,
  ...financeInputs,
  ...housingInputs,
  ...landInputs,
  ...safetyInputs,
};
