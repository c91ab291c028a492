import type { NodeDefinition } from '../node-definition.js';
import { codeNode } from './code.node.js';
import { delayNode } from './delay.node.js';
import { emailNode } from './email.node.js';
import { httpNode } from './http.node.js';
import { llmNode } from './llm.node.js';
import { ifNode } from './if.node.js';
import { mergeNode } from './merge.node.js';
import { setNode } from './set.node.js';
import { switchNode } from './switch.node.js';
import { waitNode } from './wait.node.js';
import { mapNode } from './map.node.js';
import { subworkflowNode } from './subworkflow.node.js';
import { sqlNode } from './sql.node.js';

/** The node types Weft ships with. */
export const builtInNodes: readonly NodeDefinition[] = [setNode, ifNode, switchNode, mergeNode, delayNode, waitNode, subworkflowNode, mapNode, httpNode, codeNode, llmNode, emailNode, sqlNode] as readonly NodeDefinition[];
