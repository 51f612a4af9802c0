import type { Script } from '../schema.ts';

/** Restart track, work site 1: does the vision still hold? Appreciative inquiry (about 2 hours). */
export const werf1Visie: Script = {
  schema: 1,
  id: 'werf-1-visie',
  title: { nl: 'Werf 1: Visievorming', en: 'Work site 1: Vision' },
  summary: {
    nl: 'Klopt de visie van het netwerk nog? Vertrek van wat goed liep en droom verder.',
    en: "Does the network's vision still hold? Start from what went well and dream further."
  },
  steps: [
    {
      id: 'waarderend',
      title: { nl: 'Waarderend kijken', en: 'Looking with appreciation' },
      prompt: {
        nl: 'Dit is de eerste van vier werven. We kijken eerst naar wat goed werkt: dat is onze positieve kern. Daarna dromen we samen over wat we meer willen zien.',
        en: 'This is the first of four work sites. First we look at what works well: that is our positive core. Then we dream together about what we want to see more of.'
      },
      facilitatorNotes: {
        nl: 'Werk in de geest van waarderend onderzoek: je zoekt wat goed werkt en waarom, niet wie schuld heeft. Komt iemand met een klacht, vraag dan wat die persoon wél graag zou zien. Zeg dat de export van vandaag het vertrekpunt is van werf 2.',
        en: 'Work in the spirit of appreciative inquiry: you look for what works and why, not for who is to blame. If someone comes with a complaint, ask what they would like to see instead. Say that the export of today is the starting point for work site 2.'
      },
      minutes: 10,
      activity: { type: 'info' }
    },
    {
      id: 'visie-vandaag',
      title: { nl: 'Onze visie vandaag', en: 'Our vision today' },
      prompt: {
        nl: 'Lees de visie van ons netwerk. Wat klopt nog, en wat past niet meer bij vandaag?',
        en: "Read our network's vision. What still holds, and what no longer fits today?"
      },
      facilitatorNotes: {
        nl: 'Toon de visie uit de afsprakennota of lees ze voor in eenvoudige woorden. Vraag ook of ze nog breed genoeg is voor alle partners. Herschrijf nog niet: dat komt na het dromen.',
        en: 'Show the vision from the agreement note or read it out in simple words. Also ask whether it is still broad enough for all partners. Do not rewrite it yet: that comes after the dreaming.'
      },
      minutes: 15,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'klopt-nog', title: { nl: 'Klopt nog', en: 'Still holds' } },
          { id: 'mag-anders', title: { nl: 'Mag anders', en: 'Could change' } }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'realisaties',
      title: { nl: 'Wat hebben we bereikt?', en: 'What have we achieved?' },
      prompt: {
        nl: 'Wat heb je dit netwerk zien bereiken? Denk aan iets waar je trots op bent, groot of klein.',
        en: 'What have you seen this network achieve? Think of something you are proud of, big or small.'
      },
      facilitatorNotes: {
        nl: 'Ook kleine dingen tellen: een gezin dat voor het eerst naar de sportclub ging, is een realisatie. Nodig ervaringsdeskundigen uit om als eerste te vertellen wat zij zagen veranderen.',
        en: 'Small things count too: a family that went to the sports club for the first time is an achievement. Invite people with lived experience to be the first to tell what they saw change.'
      },
      minutes: 15,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'bereikt', title: { nl: 'Wat we bereikten', en: 'What we achieved' } }],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'realisaties-bundelen',
      title: { nl: 'Realisaties bundelen', en: 'Group the achievements' },
      prompt: {
        nl: 'We leggen realisaties die op elkaar lijken samen. Welke naam past bij elke groep?',
        en: 'We put similar achievements together. Which name fits each group?'
      },
      facilitatorNotes: {
        nl: 'Laat de deelnemers de namen kiezen en hou ze kort en concreet.',
        en: 'Let the participants choose the names and keep them short and concrete.'
      },
      minutes: 10,
      activity: { type: 'cluster', source: 'realisaties' }
    },
    {
      id: 'realisaties-kiezen',
      title: { nl: 'Waar zoomen we op in?', en: 'What do we zoom in on?' },
      prompt: {
        nl: 'Over welke realisaties willen we meer weten? Verdeel je stippen.',
        en: 'Which achievements do we want to know more about? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'De twee of drie realisaties met de meeste stippen bespreek je in de volgende stap. Verdeel de deelnemers eventueel over enkele tafels, één per realisatie.',
        en: 'You discuss the two or three achievements with the most dots in the next step. If you like, split the participants over a few tables, one per achievement.'
      },
      minutes: 5,
      activity: { type: 'vote', source: 'realisaties', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'waarom-goed',
      title: { nl: 'Waarom ging het goed?', en: 'Why did it go well?' },
      prompt: {
        nl: 'Kijk naar de gekozen realisaties. Wat maakte dat ze lukten: wie deed wat, en wat hielp?',
        en: 'Look at the chosen achievements. What made them work: who did what, and what helped?'
      },
      facilitatorNotes: {
        nl: 'Vraag door naar het verhaal: wat gebeurde er precies, wie was erbij, hoe voelde het? Wat hier bovenkomt, is de positieve kern van het netwerk; die neem je mee naar de volgende werven.',
        en: "Ask for the story: what exactly happened, who was there, how did it feel? What comes up here is the network's positive core; you take it along to the next work sites."
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [{ id: 'waarom', title: { nl: 'Waarom het lukte', en: 'Why it worked' } }],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'positieve-kern',
      title: { nl: 'Onze positieve kern', en: 'Our positive core' },
      prompt: {
        nl: 'Waar is ons netwerk echt sterk in? Zeg het in één woord.',
        en: 'What is our network really strong at? Say it in one word.'
      },
      facilitatorNotes: {
        nl: 'De grootste woorden in de wolk tonen wat de deelnemers samen als kracht zien. Lees ze voor en vraag of iemand iets mist.',
        en: 'The biggest words in the cloud show what the participants together see as their strength. Read them out and ask whether anyone misses something.'
      },
      minutes: 5,
      activity: { type: 'round', display: 'cloud', maxLength: 30 }
    },
    {
      id: 'toekomstbeelden',
      title: { nl: 'Dromen: waar willen we meer van?', en: 'Dream: what do we want more of?' },
      prompt: {
        nl: 'Stel je voor: het is over drie jaar en het netwerk loopt heel goed. Wat zie je dan meer gebeuren?',
        en: 'Imagine: it is three years from now and the network is doing really well. What do you see happening more?'
      },
      facilitatorNotes: {
        nl: 'Laat mensen vrij dromen, zonder meteen te zeggen wat niet kan. Vertrek van de positieve kern: wat al werkt, kan groeien. Nodig wie nog weinig zei uit om een beeld te delen.',
        en: "Let people dream freely, without saying straight away what isn't possible. Start from the positive core: what already works can grow. Invite those who have said little so far to share a picture."
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'meer-van', title: { nl: 'Hier wil ik meer van', en: 'I want more of this' } }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'toekomst-bundelen',
      title: { nl: 'Toekomstbeelden bundelen', en: 'Group the pictures of the future' },
      prompt: {
        nl: 'We leggen dromen die op elkaar lijken samen. Welke naam past bij elke groep?',
        en: 'We put similar dreams together. Which name fits each group?'
      },
      facilitatorNotes: {
        nl: "Kies namen die een beeld oproepen, zoals 'Elk kind op kamp'. Zo wordt de droom concreet en makkelijk te onthouden.",
        en: "Choose names that call up a picture, such as 'Every child goes to camp'. That makes the dream concrete and easy to remember."
      },
      minutes: 10,
      activity: { type: 'cluster', source: 'toekomstbeelden' }
    },
    {
      id: 'toekomst-kiezen',
      title: { nl: 'Welke toekomst kiezen we?', en: 'Which future do we choose?' },
      prompt: {
        nl: 'Welke toekomstbeelden vind jij het belangrijkst? Verdeel je stippen.',
        en: 'Which pictures of the future matter most to you? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'De gekozen toekomstbeelden en de positieve kern zijn samen de basis voor een vernieuwde visie. Via de export gaan ze mee naar werf 2.',
        en: 'The chosen pictures of the future and the positive core together form the basis for a renewed vision. Through the export they go along to work site 2.'
      },
      minutes: 5,
      activity: { type: 'vote', source: 'toekomstbeelden', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'afspraken',
      title: { nl: 'Afspraken tot werf 2', en: 'Agreements until work site 2' },
      prompt: {
        nl: 'Wat doen we tot de volgende werf? Wie doet het, en tegen wanneer?',
        en: 'What do we do until the next work site? Who does it, and by when?'
      },
      facilitatorNotes: {
        nl: 'Spreek af wie met de export een voorstel van vernieuwde visie schrijft, en plan werf 2. Hou het bij een paar afspraken.',
        en: 'Agree on who uses the export to write a proposal for a renewed vision, and plan work site 2. Keep it to a few agreements.'
      },
      minutes: 5,
      activity: { type: 'actions' }
    }
  ]
};
