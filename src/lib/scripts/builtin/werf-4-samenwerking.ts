import { roles } from '../cards.ts';
import type { Script } from '../schema.ts';

/** Restart track, work site 4: plans, roles, tasks and procedures (about 2 hours). */
export const werf4Samenwerking: Script = {
  schema: 1,
  id: 'werf-4-samenwerking',
  title: { nl: 'Werf 4: De netwerksamenwerking', en: 'Work site 4: Collaboration' },
  summary: {
    nl: 'Plannen, rollen en afspraken: wie neemt wat op in het netwerk?',
    en: 'Plans, roles and agreements: who takes up what in the network?'
  },
  steps: [
    {
      id: 'eindjes',
      title: { nl: 'De eindjes samenbrengen', en: 'Tying the ends together' },
      prompt: {
        nl: 'We weten nu waar we meer van willen, wie we betrekken en wat succes mogelijk maakt. Vandaag maken we concrete plannen en kijken we wie welke rol opneemt, met onze positieve kern als leidraad.',
        en: 'We now know what we want more of, who we involve and what makes success possible. Today we make concrete plans and see who takes up which role, with our positive core as a guide.'
      },
      facilitatorNotes: {
        nl: 'Toon kort de positieve kern (werf 1), wat je leerde over de doelgroep (werf 2) en het bijgewerkte doelenkader (werf 3). Dit is de laatste werf: plan ook een moment om de eerste resultaten samen te vieren.',
        en: 'Briefly show the positive core (work site 1), what you learned about the target group (work site 2) and the updated goals framework (work site 3). This is the last work site: also plan a moment to celebrate the first results together.'
      },
      minutes: 10,
      activity: { type: 'info' },
      carry: { kinds: ['answers', 'ranked', 'picks', 'agreements'] }
    },
    {
      id: 'plannen',
      title: { nl: 'Concrete plannen', en: 'Concrete plans' },
      prompt: {
        nl: 'Welk concreet plan brengt ons dichter bij onze dromen en doelen? Schrijf wat, voor wie en waar.',
        en: 'Which concrete plan brings us closer to our dreams and goals? Write what, for whom and where.'
      },
      facilitatorNotes: {
        nl: 'Laat elk plan aansluiten bij een doel uit werf 3. Kleine, haalbare plannen werken beter dan één groot plan. Vraag ervaringsdeskundigen welk plan voor hen het meeste verschil maakt.',
        en: 'Let each plan connect to a goal from work site 3. Small, feasible plans work better than one big plan. Ask people with lived experience which plan makes the most difference for them.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'plannen', title: { nl: 'Concrete plannen', en: 'Concrete plans' } }],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'plannen-kiezen',
      title: { nl: 'Welke plannen gaan we doen?', en: 'Which plans will we carry out?' },
      prompt: {
        nl: 'Met welke plannen gaan we echt aan de slag? Verdeel je stippen.',
        en: 'Which plans will we really get to work on? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'Kies een beperkt aantal plannen dat het netwerk dit jaar kan dragen. Wat nu afvalt, is niet verloren: het staat in de export.',
        en: 'Choose a limited number of plans the network can carry this year. What drops out now is not lost: it is in the export.'
      },
      minutes: 10,
      activity: { type: 'vote', source: 'plannen', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'rollen-kiezen',
      title: { nl: 'Welke rol neem jij op?', en: 'Which role do you take up?' },
      prompt: {
        nl: 'Lees de vijf rollen. Welke rol past bij jou in dit netwerk? Je mag er meer dan één kiezen.',
        en: 'Read the five roles. Which role suits you in this network? You may choose more than one.'
      },
      facilitatorNotes: {
        nl: 'De vijf rollen zijn geen taakverdeling over vijf personen: één persoon kan meerdere rollen opnemen en een rol kan gedeeld worden. Kijk samen naar de uitslag: welke rol kiezen veel mensen, en welke bijna niemand? Zo zie je ook of alles op de schouders van één persoon ligt, vaak de netwerkregisseur.',
        en: "The five roles are not a split of tasks over five people: one person can take up several roles and a role can be shared. Look at the result together: which role do many people choose, and which almost nobody? That also shows whether everything rests on one person's shoulders, often the network coordinator."
      },
      minutes: 10,
      activity: { type: 'pick', cards: 'roles', max: 2 }
    },
    {
      id: 'wie-doet-wat',
      title: { nl: 'Wie doet wat?', en: 'Who does what?' },
      prompt: {
        nl: 'Wat doe jij concreet in de rol die je koos? Zet je idee bij die rol.',
        en: 'What will you actually do in the role you chose? Put your idea under that role.'
      },
      facilitatorNotes: {
        nl: 'Hier staan namen bij de ideeën, zodat duidelijk is wie wat opneemt. Een rol zonder ideeën is een gat: vraag wie die rol samen kan dragen. Let erop dat kleinere partners en ervaringsdeskundigen een rol krijgen die ze zelf willen, niet wat overblijft.',
        en: 'Names are shown with the ideas here, so it is clear who takes up what. A role without ideas is a gap: ask who could carry that role together. Make sure smaller partners and people with lived experience get a role they want, not what is left over.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: roles.map((role) => ({ id: role.id, title: role.title })),
        anonymous: false,
        hidden: false
      }
    },
    {
      id: 'taken-werkwijze',
      title: { nl: 'Taken en werkwijze', en: 'Tasks and procedures' },
      prompt: {
        nl: 'Welke taken vragen onze plannen? Hoe beslissen we samen, en hoe houden we elkaar op de hoogte?',
        en: 'Which tasks do our plans need? How do we decide together, and how do we keep each other informed?'
      },
      facilitatorNotes: {
        nl: 'Vertrek van de gekozen plannen. Hou de werkwijze eenvoudig en schrijf ze op, zodat ook nieuwe partners ze snel begrijpen. Vertrouwen groeit met 3 à 4 bijeenkomsten per jaar: neem dat mee in de planning.',
        en: 'Start from the chosen plans. Keep the procedures simple and write them down, so new partners understand them quickly too. Trust grows with 3 to 4 meetings a year: take that into the planning.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'taken', title: { nl: 'Taken', en: 'Tasks' } },
          { id: 'beslissen', title: { nl: 'Hoe we beslissen', en: 'How we decide' } },
          {
            id: 'op-de-hoogte',
            title: {
              nl: 'Hoe we elkaar op de hoogte houden',
              en: 'How we keep each other informed'
            }
          }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'afspraken',
      title: { nl: 'Afspraken', en: 'Agreements' },
      prompt: {
        nl: 'Wat spreken we af? Wie doet het, en tegen wanneer?',
        en: 'What do we agree on? Who does it, and by when?'
      },
      facilitatorNotes: {
        nl: 'Maak van elk gekozen plan afspraken met een naam en een datum. Spreek ook af wanneer het netwerk ze samen opvolgt. De export wordt het werkplan van het netwerk.',
        en: "Turn each chosen plan into agreements with a name and a date. Also agree when the network follows them up together. The export becomes the network's work plan."
      },
      minutes: 25,
      activity: { type: 'actions' }
    },
    {
      id: 'check-out',
      title: { nl: 'Check-out', en: 'Check-out' },
      prompt: {
        nl: 'Hoe kijk je nu naar de toekomst van ons netwerk? Zeg het in één woord.',
        en: 'How do you now see the future of our network? Say it in one word.'
      },
      facilitatorNotes: {
        nl: 'Sluit het doorstarttraject af met een dankjewel aan iedereen, en vier wat jullie in vier werven samen opbouwden.',
        en: 'Close the restart track by thanking everyone, and celebrate what you built together over four work sites.'
      },
      minutes: 5,
      activity: { type: 'round', display: 'cloud', maxLength: 30 }
    }
  ]
};
