// Every `scsc` sub-command, in the order `scsc --help` lists them. Add a command: write src/cli/commands/NAME.ts
// exporting a Command, import it here and add it to the list (one line each).

import type { Command } from '../command';
import { benchCommand } from './bench';
import { correctCommand } from './correct';
import { datasetCommand } from './dataset';
import { metricsCommand } from './metrics';
import { convertCommand } from './convert';
import { toyCommand } from './toy';
import { trainCommand } from './train';
import { sampleCommand } from './sample';
import { evaluatorCommand } from './evaluator';
import { experimentCommand } from './experiment';
import { reproduceCommand } from './reproduce';

export const COMMANDS: Command[] = [
  benchCommand,
  correctCommand,
  datasetCommand,
  metricsCommand,
  convertCommand,
  toyCommand,
  trainCommand,
  sampleCommand,
  evaluatorCommand,
  experimentCommand,
  reproduceCommand,
];
