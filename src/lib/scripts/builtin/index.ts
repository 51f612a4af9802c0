import type { Script } from '../schema.ts';
import { ontwerpprincipes } from './ontwerpprincipes.ts';
import { swot } from './swot.ts';
import { warmStart } from './warm-start.ts';
import { werf1Visie } from './werf-1-visie.ts';
import { werf2Doelgroepen } from './werf-2-doelgroepen.ts';
import { werf3Aanbod } from './werf-3-aanbod.ts';
import { werf4Samenwerking } from './werf-4-samenwerking.ts';

/** The seven built-in guided scripts, in the order of the script catalog. */
export const builtinScripts: readonly Script[] = [
  warmStart,
  swot,
  werf1Visie,
  werf2Doelgroepen,
  werf3Aanbod,
  werf4Samenwerking,
  ontwerpprincipes
];
