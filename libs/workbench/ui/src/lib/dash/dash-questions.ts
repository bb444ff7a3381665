import type { DashKey } from '@lantern/shared/domain';

export interface DashQuestion {
  number: number;
  key: DashKey;
  text: string;
}

/** The 27 questions of the police DASH (2009) risk identification checklist, in order. */
export const DASH_QUESTIONS: readonly DashQuestion[] = [
  'Has the current incident resulted in injury?',
  'Are you very frightened?',
  'What are you afraid of? Is it further injury or violence?',
  'Do you feel isolated from family or friends?',
  'Are you feeling depressed or having suicidal thoughts?',
  'Have you separated or tried to separate from the abuser within the past year?',
  'Is there conflict over child contact?',
  'Does the abuser constantly text, call, contact, follow, stalk or harass you?',
  'Are you pregnant or have you recently had a baby (within the last 18 months)?',
  'Are there any children, stepchildren or other dependants in the household that are not the abuser’s?',
  'Has the abuser ever hurt the children or dependants?',
  'Has the abuser ever threatened to hurt or kill the children or dependants?',
  'Is the abuse happening more often?',
  'Is the abuse getting worse?',
  'Does the abuser try to control everything you do and/or are they excessively jealous?',
  'Has the abuser ever used weapons or objects to hurt you?',
  'Has the abuser ever threatened to kill you or someone else and you believed them?',
  'Has the abuser ever attempted to strangle, choke, suffocate or drown you?',
  'Does the abuser do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?',
  'Is there any other person who has threatened you or who you are afraid of?',
  'Do you know if the abuser has hurt anyone else?',
  'Has the abuser ever mistreated an animal or the family pet?',
  'Are there any financial issues? For example, are you dependent on the abuser for money, or have they recently lost their job?',
  'Has the abuser had problems in the past year with drugs, alcohol or mental health, leading to problems in leading a normal life?',
  'Has the abuser ever threatened or attempted suicide?',
  'Has the abuser ever broken bail, an injunction and/or a formal agreement about when they can see you and/or the children?',
  'Do you know if the abuser has ever been in trouble with the police or has a criminal history?',
].map((text, i) => ({ number: i + 1, key: `q${i + 1}` as DashKey, text }));
