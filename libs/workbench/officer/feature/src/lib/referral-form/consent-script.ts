/**
 * What the officer reads out before asking each consent question, word for word, so every victim hears the same
 * thing. Two separate questions, each answered given or refused: contact by the hub, and sharing with partners.
 */
export const CONSENT_SCRIPT = {
  intro:
    'I would like to refer you to the local domestic abuse hub. It is free and confidential, and you can stop at any time. I need to ask you two separate questions.',
  supportReferral:
    'Do you agree that the hub, or a support service it works with, may contact you, using the safe number and the safe times you gave me?',
  informationSharing:
    'Do you agree that the hub may share your details with partner agencies, such as an independent domestic violence adviser, a refuge or legal advice, so they can support you?',
  closing:
    'Whatever you answer, the police will still deal with what happened today. If you say no, the hub may still need to share information to keep you or others safe, and it will tell you if it does.',
} as const;
