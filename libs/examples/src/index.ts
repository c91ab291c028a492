export { ExampleError } from './example-errors.js';
export { exampleFileSchema, type ExampleFile, type ExampleParameter } from './example-file.js';
export { instantiateExample, type ExampleInstance } from './instantiate-example.js';
export { listExamples, loadExample } from './load-example.js';
export { importExample, type GraphqlCall, type ImportedExample, type IssuedWebhook } from './import-example.js';
export { seedDemo, type DemoAccount, type DemoSeed, type SeededWorkflow, type SeedDemoOptions } from './seed-demo.js';
