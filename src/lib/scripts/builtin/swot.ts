import type { Script } from '../schema.ts';

/** A SWOT of the network and its agreement note, written in silence first (about 90 minutes). */
export const swot: Script = {
  schema: 1,
  id: 'swot',
  title: { nl: 'SWOT-analyse', en: 'SWOT analysis' },
  summary: {
    nl: 'Sterktes, zwaktes, kansen en bedreigingen van het netwerk, daarna samen kiezen.',
    en: "The network's strengths, weaknesses, opportunities and threats, then choose together."
  },
  steps: [
    {
      id: 'uitleg',
      title: { nl: 'Waar kijken we naar?', en: 'What are we looking at?' },
      prompt: {
        nl: [
          'We kijken samen naar ons netwerk en naar de afsprakennota, in vier vakken:',
          'Sterktes: wat gaat goed bij ons?',
          'Zwaktes: wat loopt bij ons minder goed?',
          'Kansen: wat buiten het netwerk kan ons helpen?',
          'Bedreigingen: wat buiten het netwerk kan ons tegenhouden?'
        ].join('\n'),
        en: [
          'Together we look at our network and the agreement note, in four columns:',
          'Strengths: what goes well with us?',
          'Weaknesses: what goes less well with us?',
          'Opportunities: what outside the network can help us?',
          'Threats: what outside the network can hold us back?'
        ].join('\n')
      },
      facilitatorNotes: {
        nl: 'Leg de afsprakennota op tafel of toon ze kort. Sterktes en zwaktes gaan over het netwerk zelf, kansen en bedreigingen over de wereld errond. Zeg dat er geen foute antwoorden zijn.',
        en: 'Put the agreement note on the table or show it briefly. Strengths and weaknesses are about the network itself, opportunities and threats about the world around it. Say that there are no wrong answers.'
      },
      minutes: 5,
      activity: { type: 'info' }
    },
    {
      id: 'swot',
      title: { nl: 'Stil schrijven', en: 'Silent writing' },
      prompt: {
        nl: 'Schrijf in stilte voor jezelf wat jij ziet, in elk vak. De anderen zien je ideeën pas later.',
        en: 'Write down in silence, each on your own, what you see, in each column. The others only see your ideas later.'
      },
      facilitatorNotes: {
        nl: 'Geef ongeveer een kwartier en vraag om in elk vak minstens één idee te zetten. Stil schrijven geeft ook wie minder snel het woord neemt een stem. Toon de ideeën pas als bijna iedereen klaar is.',
        en: 'Allow about a quarter of an hour and ask for at least one idea in each column. Writing in silence also gives a voice to those who are slower to speak up. Only show the ideas when almost everyone is done.'
      },
      minutes: 20,
      activity: {
        type: 'brainstorm',
        columns: [
          { id: 'sterktes', title: { nl: 'Sterktes', en: 'Strengths' } },
          { id: 'zwaktes', title: { nl: 'Zwaktes', en: 'Weaknesses' } },
          { id: 'kansen', title: { nl: 'Kansen', en: 'Opportunities' } },
          { id: 'bedreigingen', title: { nl: 'Bedreigingen', en: 'Threats' } }
        ],
        anonymous: true,
        hidden: true
      }
    },
    {
      id: 'verduidelijken',
      title: { nl: 'Tonen en verduidelijken', en: 'Reveal and clarify' },
      prompt: {
        nl: 'Alle ideeën zijn nu te zien. Begrijp je een idee niet? Vraag uitleg, we discussiëren nog niet.',
        en: "All ideas can now be seen. Don't understand an idea? Ask about it; we don't debate yet."
      },
      facilitatorNotes: {
        nl: 'Toon de ideeën van het stil schrijven als dat nog niet gebeurde, en overloop de vakken één voor één. Zet telkens één idee in de kijker. Wie een idee schreef, mag het toelichten maar hoeft niet: anoniem blijft anoniem. Nodig ervaringsdeskundigen uit om als eerste te reageren.',
        en: 'Show the ideas from the silent writing if you have not yet, and go through the columns one by one. Put one idea in the spotlight at a time. Whoever wrote an idea may explain it but does not have to: anonymous stays anonymous. Invite people with lived experience to respond first.'
      },
      minutes: 15,
      activity: { type: 'info', board: 'swot' }
    },
    {
      id: 'bundelen',
      title: { nl: 'Bundelen per vak', en: 'Group per column' },
      prompt: {
        nl: 'We leggen ideeën die over hetzelfde gaan samen, vak per vak. Welke naam past bij elke groep?',
        en: 'We put ideas about the same thing together, column by column. Which name fits each group?'
      },
      facilitatorNotes: {
        nl: 'Bundel binnen elk vak apart, niet over de vakken heen. Geef elke groep een korte naam in gewone taal, liefst met woorden van de deelnemers zelf.',
        en: "Group within each column separately, not across columns. Give each group a short name in plain language, ideally using the participants' own words."
      },
      minutes: 15,
      activity: { type: 'cluster', source: 'swot' }
    },
    {
      id: 'stemmen',
      title: { nl: 'Wat is het belangrijkst?', en: 'What matters most?' },
      prompt: {
        nl: 'Waar moet het netwerk eerst mee aan de slag? Zet je stippen op wat voor jou het zwaarst weegt.',
        en: 'What should the network work on first? Put your dots on what weighs most for you.'
      },
      facilitatorNotes: {
        nl: 'Zeg dat ook sterktes stippen mogen krijgen: daar bouw je op. Bespreek na het sluiten van de stemming de top drie: waarom kregen die de meeste stippen?',
        en: 'Say that strengths may get dots too: they are what you build on. After closing the vote, discuss the top three: why did they get the most dots?'
      },
      minutes: 10,
      activity: { type: 'vote', source: 'swot', dots: 5, maxPerItem: 2 }
    },
    {
      id: 'volgende-stappen',
      title: { nl: 'Mogelijke volgende stappen', en: 'Possible next steps' },
      prompt: {
        nl: 'Wat doen we met wat het meest gekozen werd? Wie zet welke stap, en tegen wanneer?',
        en: 'What do we do with what was chosen most? Who takes which step, and by when?'
      },
      facilitatorNotes: {
        nl: 'Vertrek van de top van de stemming: bouw op een sterkte, pak een zwakte aan of grijp een kans. Hou de stappen klein en haalbaar. De export is een goede basis om een opstart- of doorstarttraject te plannen.',
        en: 'Start from the top of the vote: build on a strength, tackle a weakness or seize an opportunity. Keep the steps small and feasible. The export is a good basis for planning a start-up or restart track.'
      },
      minutes: 25,
      activity: { type: 'actions' }
    }
  ]
};
