/**
 * What every command carries besides its data: an id that makes it
 * idempotent, the time it is decided at, and who asked for it.
 * Deciders never read a clock or make ids: they take them from here.
 */
export type CommandMetadata = {
  commandId: string;
  now: string;
  actorId?: string;
  workspaceId: string;
};

export type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** An event as deciders produce and evolve it. Storage adds position and version. */
export type DomainEvent<Type extends string, Data> = { type: Type; data: Data };

export type Decider<State, Cmd, Event> = {
  decide(command: Cmd, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
};
