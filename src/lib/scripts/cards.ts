import type { Card } from './schema.ts';

/*
 * The card decks a pick step can use. Names of the principles and roles are the ones the
 * networks know; the one-line explanations are Kring's own words.
 */

/** The eleven design principles for network collaboration (Verdonschot). */
export const principles: readonly Card[] = [
  {
    id: 'urgent-vraagstuk',
    title: {
      nl: 'Werk met een urgent en intrigerend vraagstuk',
      en: 'Work on an urgent and intriguing question'
    },
    explanation: {
      nl: 'Kies een vraag die ertoe doet en nieuwsgierig maakt, zodat mensen willen meedoen.',
      en: 'Pick a question that matters and sparks curiosity, so people want to join in.'
    }
  },
  {
    id: 'nieuwe-aanpak',
    title: { nl: 'Ontwerp een nieuwe aanpak', en: 'Design a new approach' },
    explanation: {
      nl: 'Doe niet meer van hetzelfde: bedenk samen een manier van werken die nog niet bestond.',
      en: "Don't do more of the same: invent together a way of working that did not exist yet."
    }
  },
  {
    id: 'persoonlijke-drijfveren',
    title: { nl: 'Werk vanuit de persoonlijke drijfveren', en: 'Work from personal drive' },
    explanation: {
      nl: 'Laat mensen vertellen wat hen zelf beweegt; daar komt de energie vandaan.',
      en: 'Let people say what moves them personally; that is where the energy comes from.'
    }
  },
  {
    id: 'ongewone-combinaties',
    title: {
      nl: 'Maak ongewone combinaties van materiedeskundigheid',
      en: 'Make unusual combinations of expertise'
    },
    explanation: {
      nl: 'Breng kennis samen die zelden aan dezelfde tafel zit, ook die van ervaringsdeskundigen.',
      en: 'Bring together knowledge that rarely shares a table, including lived experience.'
    }
  },
  {
    id: 'wederzijdse-aantrekkelijkheid',
    title: { nl: 'Werk vanuit wederzijdse aantrekkelijkheid', en: 'Work from mutual attraction' },
    explanation: {
      nl: 'Zorg dat elke partner er iets aan heeft; samenwerken moet voor iedereen de moeite lonen.',
      en: 'Make sure every partner gains something; working together must pay off for everyone.'
    }
  },
  {
    id: 'vanuit-kracht',
    title: { nl: 'Werk vanuit kracht', en: 'Work from strength' },
    explanation: {
      nl: 'Bouw op wat al goed gaat en op wat mensen goed kunnen, niet op wat ontbreekt.',
      en: 'Build on what already works and on what people are good at, not on what is missing.'
    }
  },
  {
    id: 'samen-iets-maken',
    title: { nl: 'Maak samen iets', en: 'Make something together' },
    explanation: {
      nl: 'Praten is niet genoeg: werk naar iets tastbaars dat je samen afwerkt.',
      en: 'Talking is not enough: work towards something tangible you finish together.'
    }
  },
  {
    id: 'nieuwe-signalen',
    title: {
      nl: 'Verleid tot het zien van nieuwe signalen en het geven van nieuwe betekenissen',
      en: 'Invite people to notice new signals and give them new meaning'
    },
    explanation: {
      nl: 'Kijk met frisse ogen naar wat er gebeurt en durf het anders te benoemen.',
      en: 'Look at what happens with fresh eyes and dare to name it differently.'
    }
  },
  {
    id: 'wereld-daarbuiten',
    title: {
      nl: 'Verbind de wereld van de innovatiepraktijk met de wereld daarbuiten',
      en: 'Connect the world of the innovation with the world around it'
    },
    explanation: {
      nl: 'Hou contact met wie niet aan tafel zit, zodat wat je bedenkt ook buiten de groep landt.',
      en: "Stay in touch with those who aren't at the table, so your ideas land outside the group too."
    }
  },
  {
    id: 'kwaliteit-interactie',
    title: {
      nl: 'Werk aan de kwaliteit van de interactie',
      en: 'Work on the quality of interaction'
    },
    explanation: {
      nl: 'Besteed aandacht aan hoe jullie samen praten, luisteren en beslissen.',
      en: 'Pay attention to how you talk, listen and decide together.'
    }
  },
  {
    id: 'leerproces',
    title: { nl: 'Maak er een leerproces van', en: 'Make it a learning process' },
    explanation: {
      nl: 'Sta stil bij wat je onderweg leert en stuur bij; fouten maken mag.',
      en: 'Pause to see what you learn along the way and adjust; mistakes are allowed.'
    }
  }
];

/** The five roles in network management (UGent, Lab for network analysis). */
export const roles: readonly Card[] = [
  {
    id: 'netwerkoperator',
    title: { nl: 'Netwerkoperator', en: 'Network operator' },
    explanation: {
      nl: 'Houdt de zaak draaiende: plant, verslaat, volgt op en zorgt dat afspraken gebeuren.',
      en: 'Keeps things running: plans, takes notes, follows up and sees that agreements happen.'
    }
  },
  {
    id: 'netwerkpromotor',
    title: { nl: 'Netwerkpromotor', en: 'Network promoter' },
    explanation: {
      nl: 'Maakt het netwerk zichtbaar en haalt nieuwe partners en middelen binnen.',
      en: 'Makes the network visible and brings in new partners and resources.'
    }
  },
  {
    id: 'visiebewaker',
    title: { nl: 'Visiebewaker', en: 'Vision keeper' },
    explanation: {
      nl: 'Bewaakt waarom het netwerk bestaat en houdt de doelgroep voor ogen bij elke keuze.',
      en: 'Guards why the network exists and keeps the target group in mind at every choice.'
    }
  },
  {
    id: 'creatieve-denker',
    title: { nl: 'Creatieve denker', en: 'Creative thinker' },
    explanation: {
      nl: 'Bedenkt nieuwe wegen als het vastloopt en verbindt ideeën die niet voor de hand liggen.',
      en: "Finds new paths when things get stuck and links ideas that aren't obvious."
    }
  },
  {
    id: 'netwerkkampioen',
    title: { nl: 'Netwerkkampioen', en: 'Network champion' },
    explanation: {
      nl: 'Gelooft erin, enthousiasmeert anderen en verdedigt het netwerk waar het telt.',
      en: 'Believes in it, fires others up and stands up for the network where it counts.'
    }
  }
];

/** The cards of a pick step: a built-in deck by name, or the script's own. */
export function cardsOf(deck: 'principles' | 'roles' | readonly Card[]): readonly Card[] {
  if (deck === 'principles') return principles;
  if (deck === 'roles') return roles;
  return deck;
}
