import type { Script } from '../schema.ts';

/** Restart track, work site 2: the dialogue with (and close to) the target groups (about 2 hours). */
export const werf2Doelgroepen: Script = {
  schema: 1,
  id: 'werf-2-doelgroepen',
  title: { nl: 'Werf 2: De doelgroepen', en: 'Work site 2: Target groups' },
  summary: {
    nl: 'Betrekken we de juiste mensen, en spreken we nog over hetzelfde?',
    en: 'Are the right people involved, and are we still talking about the same things?'
  },
  steps: [
    {
      id: 'positieve-kern',
      title: { nl: 'Vertrekken van de positieve kern', en: 'Starting from the positive core' },
      prompt: {
        nl: 'In werf 1 zagen we wat goed werkt en waar we meer van willen. Vandaag kijken we naar de mensen voor wie we het doen: zijn zij genoeg betrokken?',
        en: 'In work site 1 we saw what works well and what we want more of. Today we look at the people we do this for: are they involved enough?'
      },
      facilitatorNotes: {
        nl: 'Toon de positieve kern en de toekomstbeelden uit de export van werf 1. Nodig waar het kan mensen uit de doelgroep zelf uit, en organisaties die dicht bij hen staan. Is er vandaag geen ervaringsdeskundige, benoem dat dan meteen als vraag voor deze werf.',
        en: 'Show the positive core and the pictures of the future from the export of work site 1. Where possible, invite people from the target group themselves, and organisations close to them. If nobody with lived experience is here today, name that straight away as a question for this work site.'
      },
      minutes: 10,
      activity: { type: 'info' },
      carry: { kinds: ['answers', 'ranked', 'agreements'] }
    },
    {
      id: 'wie-betrokken',
      title: { nl: 'Wie is betrokken?', en: 'Who is involved?' },
      prompt: {
        nl: 'Wie doet al mee, wie staat dicht bij de doelgroep, en wie missen we nog?',
        en: 'Who already takes part, who is close to the target group, and who are we still missing?'
      },
      facilitatorNotes: {
        nl: 'Denk niet alleen aan organisaties maar ook aan mensen: een buurtwerker, een vrijwilliger, een ouder. Vraag bij elk idee in "Ontbreekt nog" wie die persoon of groep al kent; dat helpt straks bij de afspraken.',
        en: 'Think not only of organisations but also of people: a community worker, a volunteer, a parent. For each idea under "Still missing", ask who already knows that person or group; that helps later with the agreements.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'aan-tafel', title: { nl: 'Doet al mee', en: 'Already taking part' } },
          {
            id: 'dichtbij',
            title: { nl: 'Staat dicht bij de doelgroep', en: 'Close to the target group' }
          },
          { id: 'ontbreekt', title: { nl: 'Ontbreekt nog', en: 'Still missing' } }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'betrokkenheid',
      title: { nl: 'Samen betrokkenheid bekijken', en: 'Looking at involvement together' },
      prompt: {
        nl: 'Wanneer voelde jij je echt betrokken bij het netwerk, en wanneer niet? Je ideeën blijven verborgen tot ze samen getoond worden.',
        en: 'When did you feel truly involved in the network, and when not? Your ideas stay hidden until they are shown together.'
      },
      facilitatorNotes: {
        nl: 'Verborgen en anoniem schrijven maakt het makkelijker om eerlijk te zijn over wat minder goed loopt. Toon de ideeën als iedereen klaar is en begin bij wat werkte. Laat ervaringsdeskundigen als eerste reageren en let erop dat niemand zich moet verdedigen.',
        en: 'Writing hidden and anonymously makes it easier to be honest about what goes less well. Show the ideas when everyone is done and start with what worked. Let people with lived experience respond first and make sure nobody has to defend themselves.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'werkte', title: { nl: 'Dit werkte', en: 'This worked' } },
          { id: 'kan-beter', title: { nl: 'Dit kan beter', en: 'This could be better' } }
        ],
        anonymous: true,
        hidden: true
      }
    },
    {
      id: 'zelfde-taal',
      title: { nl: 'Spreken we over hetzelfde?', en: 'Are we talking about the same things?' },
      prompt: {
        nl: 'Waar gaat dit netwerk volgens jou over? Zeg het in één woord.',
        en: 'What is this network about, in your view? Say it in one word.'
      },
      facilitatorNotes: {
        nl: 'Bekijk samen de woordwolk. Een paar grote woorden betekent dat de deelnemers op één lijn zitten; veel losse woorden tonen dat partners iets anders bedoelen. Vraag dan enkele mensen om hun woord uit te leggen.',
        en: 'Look at the word cloud together. A few big words mean the participants are on the same page; many separate words show that partners mean different things. Then ask a few people to explain their word.'
      },
      minutes: 10,
      activity: { type: 'round', display: 'cloud', maxLength: 30 }
    },
    {
      id: 'manieren',
      title: { nl: 'Zo horen we de doelgroep', en: 'Ways to hear the target group' },
      prompt: {
        nl: [
          'Er zijn veel manieren om te horen wat mensen zelf denken en beleven:',
          'Interview: een open gesprek met één persoon.',
          'Persona: samen een persoon beschrijven die voor een groep mensen staat.',
          'Gebruikersreis: stap voor stap volgen hoe iemand bij een activiteit geraakt, en waar het stroef loopt.',
          'Dagboek: iemand schrijft een tijdje op wat hij of zij in de vrije tijd doet en voelt.',
          'Verhalen vertellen: mensen vertellen hun eigen verhaal, en je deelt die verhalen verder.'
        ].join('\n'),
        en: [
          'There are many ways to hear what people themselves think and experience:',
          'Interview: an open conversation with one person.',
          'Persona: together, describe a person who stands for a group of people.',
          'Customer journey: follow step by step how someone gets to an activity, and where it gets stuck.',
          'Diary: someone writes down for a while what they do and feel in their free time.',
          'Storytelling: people tell their own story, and you share those stories further.'
        ].join('\n')
      },
      facilitatorNotes: {
        nl: 'Grote bevragingen leveren vaak weinig op; kleine, persoonlijke manieren werken beter. Vraag of iemand al ervaring heeft met een van deze manieren, en laat ervaringsdeskundigen mee kiezen wat voor hen goed voelt.',
        en: 'Large surveys often yield little; small, personal methods work better. Ask whether anyone already has experience with one of these methods, and let people with lived experience help choose what feels right for them.'
      },
      minutes: 10,
      activity: { type: 'info' }
    },
    {
      id: 'ideeen',
      title: { nl: 'Hoe horen wij de doelgroep?', en: 'How will we hear the target group?' },
      prompt: {
        nl: 'Hoe kunnen wij een van deze manieren gebruiken? Met wie, en waar?',
        en: 'How could we use one of these methods? With whom, and where?'
      },
      facilitatorNotes: {
        nl: 'Vraag per manier een concreet idee, bijvoorbeeld: gesprekken bij de sociale kruidenier. Een idee hoeft niet af te zijn, en een lege kolom is geen probleem.',
        en: "Ask for a concrete idea per method, for example: conversations at the social grocery. An idea doesn't have to be finished, and an empty column is no problem."
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'interview', title: { nl: 'Interview', en: 'Interview' } },
          { id: 'persona', title: { nl: 'Persona', en: 'Persona' } },
          { id: 'gebruikersreis', title: { nl: 'Gebruikersreis', en: 'Customer journey' } },
          { id: 'dagboek', title: { nl: 'Dagboek', en: 'Diary' } },
          { id: 'verhalen', title: { nl: 'Verhalen vertellen', en: 'Storytelling' } }
        ],
        anonymous: true,
        hidden: false
      }
    },
    {
      id: 'ideeen-kiezen',
      title: { nl: 'Waar beginnen we mee?', en: 'Where do we start?' },
      prompt: {
        nl: 'Welk idee willen we eerst uitproberen? Verdeel je stippen.',
        en: 'Which idea do we want to try first? Spread your dots.'
      },
      facilitatorNotes: {
        nl: 'Kies liefst één of twee ideeën die je vóór werf 3 kan uitproberen. Wat je zo te horen krijgt, helpt in werf 3 om naar het aanbod te kijken.',
        en: 'Preferably choose one or two ideas you can try before work site 3. What you hear that way helps to look at the leisure offer in work site 3.'
      },
      minutes: 10,
      activity: { type: 'vote', source: 'ideeen', dots: 3, maxPerItem: 2 }
    },
    {
      id: 'afspraken',
      title: { nl: 'Afspraken', en: 'Agreements' },
      prompt: {
        nl: 'Wat spreken we af? Wie doet het, en tegen wanneer?',
        en: 'What do we agree on? Who does it, and by when?'
      },
      facilitatorNotes: {
        nl: 'Spreek af wie de ontbrekende partners aanspreekt en wie het gekozen idee uitprobeert. Geef ervaringsdeskundigen een rol als ze dat willen, en zorg dat ze daarbij gesteund worden. Plan werf 3.',
        en: 'Agree on who approaches the missing partners and who tries out the chosen idea. Give people with lived experience a role if they want one, and make sure they are supported in it. Plan work site 3.'
      },
      minutes: 20,
      activity: { type: 'actions' }
    }
  ]
};
