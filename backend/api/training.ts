// Training mode (issue #12): its state, and a manager leaving it (backend/training/mode.ts).
import type { HandlerMap } from './context.js';
import { leaveTraining, trainingState } from '../training/mode.js';

export const trainingHandlers: HandlerMap<'setup.training' | 'setup.leaveTraining'> = {
  'setup.training': (_, ctx) => trainingState(ctx.db),
  'setup.leaveTraining': (_, ctx) => leaveTraining(ctx.db, ctx.clock.now(), { operatorId: ctx.operator.id, how: 'manager' }),
};
