import type { Script } from '../schema.ts';

/** Restart track, work site 3: what makes actions succeed, and the updated goals (about 2 hours). */
export const werf3Aanbod: Script = {
  schema: 1,
  id: 'werf-3-aanbod',
  title: { nl: 'Werf 3: Vrijetijdsaanbod', en: 'Work site 3: Leisure offer' },
  summary: {
    nl: 'Wat maakte acties succesvol, en wat is nodig om dat vaker te laten lukken?',
    en: 'What made actions succeed, and what is needed for that to happen more often?'
  },
  steps: [
    {
      id: 'waar-we-staan',
      title: { nl: 'Waar we staan', en: 'Where we stand' },
      prompt: {
        nl: 'We nemen mee wat we in werf 1 en 2 vonden: onze positieve kern, onze dromen en wat de doelgroep ons vertelde. Vandaag zoeken we wat acties doet slagen.',
        en: 'We bring along what we found in work sites 1 and 2: our positive core, our dreams and what the target group told us. Today we look for what makes actions succeed.'
      },
      facilitatorNotes: {
        nl: 'Start je deze werf vanuit het traject, dan staat hier wat je uit werf 1 en 2 meenam: de positieve kern, de gekozen punten en de afspraken. Vat vijf minuten samen, neem vijf minuten voor vragen, en duid bij elke afspraak aan hoe ze loopt. Blijf waarderend kijken: we zoeken wat werkt, niet wat mislukte.',
        en: 'When you start this work site from the track, this step shows what you brought from work sites 1 and 2: the positive core, the chosen points and the agreements. Sum up for five minutes, take five minutes for questions, and mark how each agreement is going. Keep an appreciative eye: we look for what works, not for what failed.'
      },
      minutes: 10,
      activity: { type: 'info' },
      carry: { kinds: ['answers', 'ranked', 'agreements'] }
    },
    {
      id: 'geslaagde-acties',
      title: { nl: 'Wat liep goed?', en: 'What went well?' },
      prompt: {
        nl: 'Welke activiteit of actie van het netwerk liep echt goed? Voor wie was ze?',
        en: 'Which activity or action of the network went really well? Who was it for?'
      },
      facilitatorNotes: {
        nl: 'Denk breed: een uitstap, een kortingspas, een eerste kennismaking met een club, een goede doorverwijzing. Vraag bij elk voorbeeld kort wie erbij was.',
        en: 'Think broadly: a day trip, a discount pass, a first taste of a club, a good referral. For each example, briefly ask who was involved.'
      },
      minutes: 15,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'acties', title: { nl: 'Geslaagde acties', en: 'Successful actions' } }],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'succesfactoren',
      title: { nl: 'Wat maakte het succes?', en: 'What made it succeed?' },
      prompt: {
        nl: 'Wat maakte dat deze acties lukten? Denk aan de mensen, de aanpak en praktische dingen zoals prijs, plaats of vervoer.',
        en: 'What made these actions work? Think of the people, the approach and practical things like price, place or transport.'
      },
      facilitatorNotes: {
        nl: "Werk eventueel aan enkele tafels, elk rond één geslaagde actie. Vraag door tot je bij de echte reden komt: niet alleen 'het was gratis', maar ook 'er ging iemand mee die de mensen kenden'.",
        en: "If you like, work at a few tables, each around one successful action. Keep asking until you reach the real reason: not only 'it was free', but also 'someone they knew went along'."
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'mensen', title: { nl: 'Mensen en contact', en: 'People and contact' } },
          { id: 'aanpak', title: { nl: 'Aanpak', en: 'Approach' } },
          { id: 'praktisch', title: { nl: 'Praktisch', en: 'Practical' } }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'succes-bundelen',
      title: { nl: 'Succesfactoren bundelen', en: 'Group the success factors' },
      prompt: {
        nl: 'We leggen factoren die op elkaar lijken samen. Welke naam past bij elke groep?',
        en: 'We put similar factors together. Which name fits each group?'
      },
      facilitatorNotes: {
        nl: 'Bundel binnen elke kolom. Factoren die bij veel acties terugkomen, zijn sterke bouwstenen voor het doelenkader.',
        en: 'Group within each column. Factors that come back in many actions are strong building blocks for the goals framework.'
      },
      minutes: 10,
      activity: { type: 'cluster', source: 'succesfactoren' }
    },
    {
      id: 'voorwaarden',
      title: {
        nl: 'Wat is nodig om vaker te slagen?',
        en: 'What is needed to succeed more often?'
      },
      prompt: {
        nl: 'Wat moet er zijn of veranderen, zodat dit succes vaker lukt?',
        en: 'What must be in place or change, so that this success happens more often?'
      },
      facilitatorNotes: {
        nl: 'Vertrek telkens van een succesfactor: wat is er nodig om die vaker te hebben? Denk aan tijd, geld, mensen, afspraken tussen partners en wat de doelgroep in werf 2 vertelde.',
        en: 'Each time, start from a success factor: what is needed to have it more often? Think of time, money, people, agreements between partners and what the target group said in work site 2.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'nodig', title: { nl: 'Wat nodig is', en: 'What is needed' } }],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'voorwaarden-kiezen',
      title: { nl: 'Welke voorwaarden eerst?', en: 'Which conditions first?' },
      prompt: {
        nl: 'Welke voorwaarden moeten we eerst waarmaken? Verdeel je stippen.',
        en: 'Which conditions should we make happen first? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'Bespreek na de stemming kort of de top haalbaar is en welke partner er invloed op heeft.',
        en: 'After the vote, briefly discuss whether the top items are feasible and which partner has influence on them.'
      },
      minutes: 10,
      activity: { type: 'vote', source: 'voorwaarden', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'doelenkader',
      title: { nl: 'Ons doelenkader bijwerken', en: 'Updating our goals framework' },
      prompt: {
        nl: 'Kijk naar de doelen van het netwerk. Welke houden we, welke passen we aan, en welk doel komt erbij?',
        en: "Look at the network's goals. Which do we keep, which do we change, and which goal do we add?"
      },
      facilitatorNotes: {
        nl: 'Toon de huidige doelen uit de afsprakennota. Gebruik wat je vandaag vond en de input van werf 1 en 2. Schrijf doelen kort en concreet, zodat iedereen ze begrijpt.',
        en: 'Show the current goals from the agreement note. Use what you found today and the input from work sites 1 and 2. Write goals short and concrete, so everyone understands them.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'behouden', title: { nl: 'Behouden', en: 'Keep' } },
          { id: 'aanpassen', title: { nl: 'Aanpassen', en: 'Change' } },
          { id: 'nieuw', title: { nl: 'Nieuw doel', en: 'New goal' } }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'doelen-kiezen',
      title: { nl: 'Welke doelen krijgen voorrang?', en: 'Which goals come first?' },
      prompt: {
        nl: 'Welke doelen zijn voor jou het belangrijkst? Verdeel je stippen.',
        en: 'Which goals matter most to you? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'Dit is een eerste keuze, geen eindbeslissing. In werf 4 worden het concrete plannen.',
        en: 'This is a first choice, not a final decision. In work site 4 they become concrete plans.'
      },
      minutes: 5,
      activity: { type: 'vote', source: 'doelenkader', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'afspraken',
      title: { nl: 'Afspraken', en: 'Agreements' },
      prompt: {
        nl: 'Wat spreken we af? Wie doet het, en tegen wanneer?',
        en: 'What do we agree on? Who does it, and by when?'
      },
      facilitatorNotes: {
        nl: 'Spreek af wie met de export het bijgewerkte doelenkader uitschrijft en het vóór werf 4 aan alle partners bezorgt.',
        en: 'Agree on who uses the export to write up the updated goals framework and sends it to all partners before work site 4.'
      },
      minutes: 10,
      activity: { type: 'actions' }
    }
  ]
};
