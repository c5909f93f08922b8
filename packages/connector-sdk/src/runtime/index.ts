export { createConnectorRuntime, type ConnectorRuntimeOptions, type RuntimeHttpOverrides } from './create-runtime.js';
export { currentOperation, currentOperationSignal, runInOperation, scopeOperations } from './operation-scope.js';
