/** Which screen shows for each step of the session machine. */
import type { ComponentType } from 'react';
import type { Step } from '../flow/session-machine';
import { CheckAnswers } from './CheckAnswers';
import { ChooseItem } from './ChooseItem';
import { Deficiencies } from './Deficiencies';
import { Form } from './Form';
import { Identify } from './Identify';
import { ItemGuide } from './ItemGuide';
import { Materials } from './Materials';
import { Receipt } from './Receipt';
import { StatusQuery } from './StatusQuery';
import { Submitting } from './Submitting';
import { Verify } from './Verify';

export const SCREENS: Readonly<Record<Step, ComponentType>> = {
  identify: Identify,
  chooseItem: ChooseItem,
  itemGuide: ItemGuide,
  materials: Materials,
  form: Form,
  deficiencies: Deficiencies,
  checkAnswers: CheckAnswers,
  submitting: Submitting,
  receipt: Receipt,
  statusQuery: StatusQuery,
  verify: Verify,
};
