import { Command } from '@nestjs/cqrs';

/** Projects the log up to its current head once (a CLI's `--wait`); answers the position reached, null for an empty log. */
export class CatchUpProjectionCommand extends Command<bigint | null> {}
