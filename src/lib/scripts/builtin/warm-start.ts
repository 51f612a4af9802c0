import type { Script } from '../schema.ts';

/** An open, warm start meeting for a new network, built on the 7 stelregels (about 2 hours). */
export const warmStart: Script = {
  schema: 1,
  id: 'warm-start',
  title: { nl: 'Warm startmoment', en: 'Warm start meeting' },
  summary: {
    nl: 'Een open en warme start van het netwerk: kennismaken, meerwaarde en eerste afspraken.',
    en: 'An open, warm start for the network: meet, find the added value, make first agreements.'
  },
  steps: [
    {
      id: 'welkom',
      title: { nl: 'Welkom: de 7 stelregels', en: 'Welcome: the 7 rules' },
      prompt: {
        nl: [
          'Welkom! Zeven stelregels helpen ons om goed te starten:',
          '1. We maken duidelijk wat het netwerk voor elke partner betekent.',
          '2. We vertrekken van waar elke partner sterk in is.',
          '3. We leren samenwerken door samen te doen: kleine stappen, en we vieren wat lukt.',
          '4. We nemen tijd om elkaar te leren kennen.',
          '5. Iedereen telt mee: elke rol en elke soort kennis is waardevol.',
          '6. Niet iedereen heeft evenveel macht of tijd. Dat zeggen we hardop.',
          '7. We spreken samen af hoe we werken.'
        ].join('\n'),
        en: [
          'Welcome! Seven rules help us start well:',
          '1. We make clear what the network means for each partner.',
          '2. We start from what each partner is good at.',
          '3. We learn to work together by doing: small steps, and we celebrate what works.',
          '4. We take time to get to know each other.',
          '5. Everyone counts: every role and every kind of knowledge matters.',
          '6. Not everyone has the same power or time. We say so out loud.',
          '7. We agree together on how we work.'
        ].join('\n')
      },
      facilitatorNotes: {
        nl: 'Zorg vóór de start voor koffie en tijd om informeel kennis te maken: netwerken is mensenwerk. Overloop de stelregels kort en zeg dat iedereen hier evenveel te zeggen heeft, ook wie vanuit eigen ervaring met armoede meepraat. Vertel dat ideeën anoniem zijn, tenzij je het anders aankondigt.',
        en: 'Before the start, provide coffee and time to meet informally: networking is people work. Go through the rules briefly and say that everyone here has an equal say, including those who speak from their own experience of poverty. Explain that ideas are anonymous unless you announce otherwise.'
      },
      minutes: 10,
      activity: { type: 'info' },
      carry: { kinds: ['ranked', 'agreements'] }
    },
    {
      id: 'wat-ik-meebreng',
      title: { nl: 'Kennismaken: wat ik meebreng', en: 'Introductions: what I bring' },
      prompt: {
        nl: 'Wie ben je, en wat breng jij of je organisatie mee naar dit netwerk? Denk aan kennis, contacten, een plek of ervaring.',
        en: 'Who are you, and what do you or your organisation bring to this network? Think of knowledge, contacts, a place or experience.'
      },
      facilitatorNotes: {
        nl: 'Hier staan namen bij de ideeën: dat helpt om elkaar te leren kennen. Laat daarna iedereen kort zijn naam zeggen en één idee toelichten; met veel mensen doe je dat per tafel. Zeg er uitdrukkelijk bij dat eigen ervaring met armoede ook kennis is die je meebrengt.',
        en: 'Names are shown with the ideas here: that helps people get to know each other. Afterwards, let everyone briefly say their name and explain one idea; with many people, do this per table. Say explicitly that lived experience of poverty is also knowledge you bring.'
      },
      minutes: 25,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'meebreng', title: { nl: 'Wat ik meebreng', en: 'What I bring' } }],
        anonymous: false,
        hidden: false,
        maxNotesPerPerson: 3
      }
    },
    {
      id: 'meerwaarde',
      title: { nl: 'Wat kan dit netwerk betekenen?', en: 'What could this network mean?' },
      prompt: {
        nl: 'Wat kan dit netwerk opleveren? Voor jou of je organisatie, en voor de mensen voor wie we dit doen.',
        en: 'What could this network bring? For you or your organisation, and for the people we do this for.'
      },
      facilitatorNotes: {
        nl: 'Partners kijken niet allemaal op dezelfde manier naar vrije tijd, en dat hoeft ook niet. Zoek naar wat voor iedereen de moeite waard is en lees uit beide vakken enkele ideeën voor. Ziet een partner weinig meerwaarde, ga daar dan na de sessie rustig over in gesprek.',
        en: "Partners don't all see leisure the same way, and they don't have to. Look for what is worth it for everyone and read out a few ideas from both columns. If a partner sees little added value, talk it through calmly after the session."
      },
      minutes: 15,
      activity: {
        type: 'brainstorm',
        columns: [
          {
            id: 'voor-mij',
            title: { nl: 'Voor mij of mijn organisatie', en: 'For me or my organisation' }
          },
          {
            id: 'voor-de-mensen',
            title: { nl: 'Voor de mensen voor wie we het doen', en: 'For the people we do it for' }
          }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'gelijkwaardig',
      title: { nl: 'Wat heb je nodig om mee te doen?', en: 'What do you need to take part?' },
      prompt: {
        nl: 'Wat heb jij nodig om hier als gelijke partner mee te doen? Niemand ziet de ideeën tot ze samen getoond worden.',
        en: 'What do you need to take part here as an equal partner? Nobody sees the ideas until they are shown together.'
      },
      facilitatorNotes: {
        nl: 'Machtsverschillen zijn moeilijk om hardop te zeggen; daarom blijven de ideeën verborgen en anoniem. Toon ze pas als iedereen klaar is en lees ze voor zonder te vragen wie wat schreef. Benoem verschillen in tijd, middelen en macht open, en neem wat haalbaar is mee naar de werkafspraken.',
        en: 'Power differences are hard to say out loud; that is why the ideas stay hidden and anonymous. Only show them when everyone is done, and read them out without asking who wrote what. Name differences in time, means and power openly, and take what is feasible into the working agreements.'
      },
      minutes: 15,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'nodig', title: { nl: 'Wat ik nodig heb', en: 'What I need' } }],
        anonymous: true,
        hidden: true
      }
    },
    {
      id: 'eerste-stap',
      title: { nl: 'Een eerste kleine stap', en: 'A first small step' },
      prompt: {
        nl: 'Welk klein, concreet project kunnen we dit jaar samen doen? Iets dat zeker lukt.',
        en: 'Which small, concrete project could we do together this year? Something we can surely pull off.'
      },
      facilitatorNotes: {
        nl: 'Hou het klein en haalbaar: een eerste succes bouwt vertrouwen, de grote doelen uit de afsprakennota komen later. Vraag ook naar wat al bestaat en samen beter kan.',
        en: 'Keep it small and feasible: a first success builds trust, the big goals of the agreement note come later. Also ask about what already exists and could work better together.'
      },
      minutes: 10,
      activity: {
        type: 'brainstorm',
        columns: [
          {
            id: 'projecten',
            title: { nl: 'Ideeën voor een eerste project', en: 'Ideas for a first project' }
          }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'eerste-stap-bundelen',
      title: { nl: 'Ideeën bundelen', en: 'Group the ideas' },
      prompt: {
        nl: 'We leggen ideeën die op elkaar lijken samen. Past de naam van elke groep?',
        en: 'We put similar ideas together. Does the name of each group fit?'
      },
      facilitatorNotes: {
        nl: 'Bundel samen met de deelnemers en laat hen de namen voorstellen. Gebruik woorden die iedereen begrijpt, geen vaktaal.',
        en: 'Group the ideas together with the participants and let them suggest the names. Use words everyone understands, no jargon.'
      },
      minutes: 10,
      activity: { type: 'cluster', source: 'eerste-stap' }
    },
    {
      id: 'eerste-stap-kiezen',
      title: { nl: 'Kies het eerste project', en: 'Choose the first project' },
      prompt: {
        nl: 'Met welk project willen we starten? Verdeel je stippen.',
        en: 'Which project do we want to start with? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'De stemming toont wat leeft, maar kijk daarna samen of het winnende project haalbaar is met de tijd en middelen die er zijn. Sluit de stemming pas als iedereen gestemd heeft.',
        en: 'The vote shows what people care about, but afterwards check together whether the winning project is feasible with the time and means available. Only close the vote when everyone has voted.'
      },
      minutes: 5,
      activity: { type: 'vote', source: 'eerste-stap', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'werkafspraken',
      title: { nl: 'Hoe werken we samen?', en: 'How do we work together?' },
      prompt: {
        nl: 'Hoe vaak komen we samen, hoe werken we, en hoe houden we elkaar op de hoogte? Schrijf je voorstel.',
        en: 'How often do we meet, how do we work, and how do we keep each other informed? Write your suggestion.'
      },
      facilitatorNotes: {
        nl: 'Onderzoek bij lokale netwerken toont dat het vertrouwen in de netwerkaanpak hoog is vanaf 3 à 4 bijeenkomsten per jaar. Denk aan wie overdag niet vrij is, aan vervoer en aan een plek waar iedereen zich welkom voelt. Naast formeel overleg helpen ook informele momenten.',
        en: 'Research on local networks shows that trust in the network approach is high from 3 to 4 meetings a year. Think of people who are not free during the day, of transport, and of a place where everyone feels welcome. Besides formal meetings, informal moments help too.'
      },
      minutes: 10,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'hoe-vaak', title: { nl: 'Hoe vaak we samenkomen', en: 'How often we meet' } },
          { id: 'samenwerken', title: { nl: 'Hoe we samenwerken', en: 'How we work together' } },
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
      id: 'werkafspraken-kiezen',
      title: { nl: 'Kies onze werkafspraken', en: 'Choose our working agreements' },
      prompt: {
        nl: 'Welke voorstellen worden onze afspraken? Verdeel je stippen.',
        en: 'Which suggestions become our agreements? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'Zorg dat er voor elke kolom minstens één voorstel gekozen wordt. Wat de meeste stippen krijgt, zet je in de volgende stap op papier.',
        en: 'Make sure at least one suggestion is chosen for each column. What gets the most dots, you write down in the next step.'
      },
      minutes: 5,
      activity: { type: 'vote', source: 'werkafspraken', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'afspraken',
      title: { nl: 'Afspraken', en: 'Agreements' },
      prompt: {
        nl: 'Wat spreken we af? Wie doet het, en tegen wanneer?',
        en: 'What do we agree on? Who does it, and by when?'
      },
      facilitatorNotes: {
        nl: 'Maak van het gekozen project en de werkafspraken concrete afspraken met een naam en een datum. Prik ook meteen de volgende bijeenkomst. De lijst komt in de export.',
        en: 'Turn the chosen project and the working agreements into concrete agreements with a name and a date. Also set the next meeting right away. The list goes into the export.'
      },
      minutes: 10,
      activity: { type: 'actions' }
    },
    {
      id: 'check-out',
      title: { nl: 'Check-out', en: 'Check-out' },
      prompt: {
        nl: 'Hoe ga je vandaag naar huis? Zeg het in één woord.',
        en: 'How do you leave today? Say it in one word.'
      },
      facilitatorNotes: {
        nl: 'Geef iedereen het woord, ook wie stil was. Bedank iedereen en benoem wat vandaag al gelukt is.',
        en: 'Give everyone a turn, including those who were quiet. Thank everyone and name what already worked out today.'
      },
      minutes: 5,
      activity: { type: 'round', display: 'cloud', maxLength: 30 }
    }
  ]
};
