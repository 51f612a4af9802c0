import type { Script } from '../schema.ts';

/** Name a challenge, pick design principles, design approaches under the favourites (90 minutes). */
export const ontwerpprincipes: Script = {
  schema: 1,
  id: 'ontwerpprincipes',
  title: { nl: '11 ontwerpprincipes', en: '11 design principles' },
  summary: {
    nl: 'Benoem een uitdaging en kies het principe dat inspireert tot een aanpak.',
    en: 'Name a challenge and pick the principle that inspires an approach.'
  },
  steps: [
    {
      id: 'uitleg',
      title: { nl: 'Hoe werkt het?', en: 'How does it work?' },
      prompt: {
        nl: 'Elf ontwerpprincipes helpen een netwerk dat vastloopt om een nieuwe aanpak te vinden. Eerst benoemen we waar we op botsen, daarna kiest iedereen een principe dat inspireert.',
        en: 'Eleven design principles help a stuck network find a new approach. First we name what we run into, then everyone picks a principle that inspires them.'
      },
      facilitatorNotes: {
        nl: 'De principes komen uit onderzoek naar wat netwerken van organisaties een doorbraak gaf. Ze zijn kort en wat abstract, en dat is bewust: ze moeten inspireren, niet voorschrijven.',
        en: 'The principles come from research into what gave networks of organisations a breakthrough. They are short and somewhat abstract, and that is on purpose: they should inspire, not prescribe.'
      },
      minutes: 5,
      activity: { type: 'info' }
    },
    {
      id: 'uitdagingen',
      title: { nl: 'Waar lopen we op vast?', en: 'Where do we get stuck?' },
      prompt: {
        nl: 'Waar botst ons netwerk op? Schrijf één uitdaging per idee.',
        en: 'What does our network run into? Write one challenge per idea.'
      },
      facilitatorNotes: {
        nl: 'Voorbeelden: partners haken af, er is overleg maar geen resultaat, we bereiken de doelgroep niet. Hou het bij het netwerk, niet bij personen. Anoniem schrijven helpt om ook gevoelige punten te noemen.',
        en: "Examples: partners drop out, there is talk but no result, we don't reach the target group. Keep it about the network, not about people. Writing anonymously helps to name sensitive points too."
      },
      minutes: 15,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'uitdagingen', title: { nl: 'Uitdagingen', en: 'Challenges' } }],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'uitdagingen-bundelen',
      title: { nl: 'Uitdagingen bundelen', en: 'Group the challenges' },
      prompt: {
        nl: 'We leggen uitdagingen die op elkaar lijken samen. Welke naam past bij elke groep?',
        en: 'We put similar challenges together. Which name fits each group?'
      },
      facilitatorNotes: {
        nl: "Geef elke groep de vorm van een vraag, bijvoorbeeld 'Hoe houden we partners betrokken?'. Een vraag nodigt uit om een aanpak te zoeken.",
        en: "Phrase each group as a question, for example 'How do we keep partners involved?'. A question invites people to look for an approach."
      },
      minutes: 10,
      activity: { type: 'cluster', source: 'uitdagingen' }
    },
    {
      id: 'uitdaging-kiezen',
      title: { nl: 'Kies de uitdaging', en: 'Choose the challenge' },
      prompt: {
        nl: 'Aan welke uitdaging willen we vandaag werken? Verdeel je stippen.',
        en: 'Which challenge do we want to work on today? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'Je mag al je stippen op één uitdaging zetten. Werk verder met de uitdaging die de meeste stippen krijgt en hou ze de rest van de sessie goed zichtbaar.',
        en: 'You may put all your dots on one challenge. Continue with the challenge that gets the most dots and keep it clearly visible for the rest of the session.'
      },
      minutes: 5,
      activity: { type: 'vote', source: 'uitdagingen', dots: 3, maxPerItem: 3 }
    },
    {
      id: 'principe-kiezen',
      title: { nl: 'Kies een principe', en: 'Pick a principle' },
      prompt: {
        nl: 'Lees de principes. Welk principe geeft jou een idee voor onze uitdaging? Je mag er meer dan één kiezen.',
        en: 'Read the principles. Which principle gives you an idea for our challenge? You may choose more than one.'
      },
      facilitatorNotes: {
        nl: 'Lees de principes eventueel voor, met de korte uitleg erbij. Er is geen juiste keuze: het gaat om wat jou op een idee brengt. De drie meest gekozen principes worden de kolommen van de volgende stap.',
        en: "If you like, read the principles out with their short explanation. There is no right choice: it's about what gives you an idea. The three most-picked principles become the columns of the next step."
      },
      minutes: 10,
      activity: { type: 'pick', cards: 'principles', max: 2 }
    },
    {
      id: 'aanpakken',
      title: { nl: 'Bedenk een aanpak', en: 'Design an approach' },
      prompt: {
        nl: 'Wat kunnen we concreet doen aan onze uitdaging, met dit principe als inspiratie? Zet je idee onder het principe.',
        en: 'What can we actually do about our challenge, inspired by this principle? Put your idea under the principle.'
      },
      facilitatorNotes: {
        nl: 'Werk eventueel aan drie tafels, één per principe. Moedig ongewone ideeën aan en vraag telkens: wat is een eerste stap die we volgende maand kunnen zetten?',
        en: 'If you like, work at three tables, one per principle. Encourage unusual ideas and keep asking: what is a first step we could take next month?'
      },
      minutes: 25,
      activity: {
        type: 'brainstorm',
        columns: [],
        columnsFromPick: { step: 'principe-kiezen', top: 3 },
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'afspraken',
      title: { nl: 'Afspraken', en: 'Agreements' },
      prompt: {
        nl: 'Welke aanpak proberen we uit? Wie doet wat, en tegen wanneer?',
        en: 'Which approach do we try out? Who does what, and by when?'
      },
      facilitatorNotes: {
        nl: 'Kies één of twee aanpakken om uit te proberen, en spreek af wanneer je samen bekijkt wat ze opleverden. Zo wordt het een leerproces.',
        en: 'Choose one or two approaches to try out, and agree when you will look together at what they brought. That way it becomes a learning process.'
      },
      minutes: 20,
      activity: { type: 'actions' }
    }
  ]
};
