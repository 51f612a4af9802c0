import type { Localized } from '../domain/locale.ts';

/** What the library shows of a guided script before it is opened. */
export interface ScriptSummary {
  readonly id: string;
  readonly title: Localized;
  readonly summary: Localized;
  readonly minutes: number;
  /** The columns (or quadrants) of the board until the script's steps take over. */
  readonly columns: readonly Localized[];
}

const ideas: readonly Localized[] = [{ nl: 'Ideeën', en: 'Ideas' }];

/**
 * The built-in scripts. Their steps arrive with the guided-sessions work; the library
 * already lets a facilitator choose one.
 */
export const scriptCatalog: readonly ScriptSummary[] = [
  {
    id: 'warm-start',
    title: { nl: 'Warm startmoment', en: 'Warm start meeting' },
    summary: {
      nl: 'Een open en warme start van het netwerk: kennismaken, meerwaarde en eerste afspraken.',
      en: 'An open, warm start for the network: meet, find the added value, make first agreements.'
    },
    minutes: 120,
    columns: ideas
  },
  {
    id: 'swot',
    title: { nl: 'SWOT-analyse', en: 'SWOT analysis' },
    summary: {
      nl: 'Sterktes, zwaktes, kansen en bedreigingen van het netwerk, daarna samen kiezen.',
      en: "The network's strengths, weaknesses, opportunities and threats, then choose together."
    },
    minutes: 90,
    columns: [
      { nl: 'Sterktes', en: 'Strengths' },
      { nl: 'Zwaktes', en: 'Weaknesses' },
      { nl: 'Kansen', en: 'Opportunities' },
      { nl: 'Bedreigingen', en: 'Threats' }
    ]
  },
  {
    id: 'werf-1-visie',
    title: { nl: 'Werf 1: Visievorming', en: 'Work site 1: Vision' },
    summary: {
      nl: 'Klopt de visie van het netwerk nog? Vertrek van wat goed liep en droom verder.',
      en: "Does the network's vision still hold? Start from what went well and dream further."
    },
    minutes: 120,
    columns: ideas
  },
  {
    id: 'werf-2-doelgroepen',
    title: { nl: 'Werf 2: De doelgroepen', en: 'Work site 2: Target groups' },
    summary: {
      nl: 'Betrekken we de juiste mensen, en spreken we nog over hetzelfde?',
      en: 'Are the right people involved, and are we still talking about the same things?'
    },
    minutes: 120,
    columns: ideas
  },
  {
    id: 'werf-3-aanbod',
    title: { nl: 'Werf 3: Vrijetijdsaanbod', en: 'Work site 3: Leisure offer' },
    summary: {
      nl: 'Wat maakte acties succesvol, en wat is nodig om dat vaker te laten lukken?',
      en: 'What made actions succeed, and what is needed for that to happen more often?'
    },
    minutes: 120,
    columns: ideas
  },
  {
    id: 'werf-4-samenwerking',
    title: { nl: 'Werf 4: De netwerksamenwerking', en: 'Work site 4: Collaboration' },
    summary: {
      nl: 'Plannen, rollen en afspraken: wie neemt wat op in het netwerk?',
      en: 'Plans, roles and agreements: who takes up what in the network?'
    },
    minutes: 120,
    columns: ideas
  },
  {
    id: 'ontwerpprincipes',
    title: { nl: '11 ontwerpprincipes', en: '11 design principles' },
    summary: {
      nl: 'Benoem een uitdaging en kies het principe dat inspireert tot een aanpak.',
      en: 'Name a challenge and pick the principle that inspires an approach.'
    },
    minutes: 90,
    columns: ideas
  }
];

/** Finds a script's summary by id. */
export function findScript(id: string): ScriptSummary | undefined {
  return scriptCatalog.find((script) => script.id === id);
}
