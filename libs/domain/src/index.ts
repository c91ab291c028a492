export * from './shared/json.js';
export * from './shared/command.js';
export * from './graph/graph.js';
