/** Folding hand-built histories through the domain, for unit tests. */
import type { BusinessEvent } from '../events/event-types.js';
import { applyToFacts, type CustomerFacts, emptyFacts } from '../customer/customer-facts.js';
import { type Evaluation, evaluate } from '../customer/evaluate.js';
import { defaultRules, type RulesConfig } from '../rules/rules-config.js';
import { ms, type When } from './event-builders.js';

/** The default rules with USD as the base currency. */
export const RULES: RulesConfig = defaultRules('USD');

/** The facts of a history, folded in log order (no pruning). */
export const factsOf = (events: BusinessEvent[], rules: RulesConfig = RULES): CustomerFacts =>
  events.reduce((facts, event) => applyToFacts(facts, event, rules.baseCurrency), emptyFacts());

/** Section 3–5 at `t` for a history. */
export const evaluateAt = (events: BusinessEvent[], t: When, rules: RulesConfig = RULES): Evaluation =>
  evaluate(factsOf(events, rules), ms(t), rules);
