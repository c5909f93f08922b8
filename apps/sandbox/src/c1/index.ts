export { FAKE_C1_TENANT, startFakeC1 } from './fake-c1.js';
export type { FakeC1, FakeC1Options, FakeC1TaskType } from './fake-c1.js';
export type { FakeC1State, ReceivedCall, ReceivedHeartbeat, ReceivedUpload } from './state.js';
export { generateTestTls } from './test-ca.js';
export type { TestTls } from './test-ca.js';
