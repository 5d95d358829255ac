// The offline agent's reply for the offline model: the design engine's plan for the message, with no project state
// (the turn runner passes the real state to planTurn and saves the plan's writes; this keeps the model path talking).
import { classifyIntent, type Intent } from './intent';
import { emptyProjectState, planTurn } from './design/plan';

export function composeOfflineReply(userMessage: string, intent: Intent = classifyIntent(userMessage)): string {
  return planTurn({ message: userMessage, intent, state: emptyProjectState }).reply;
}
