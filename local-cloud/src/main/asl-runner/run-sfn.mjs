// Runs one Step Functions execution locally with aws-local-stepfunctions and prints ONE JSON document on stdout:
//   {"status":"SUCCEEDED"|"FAILED"|"TIMED_OUT","output":…,"error":…,"cause":…,"events":[…]}
// stdin: {"definition":"<ASL text, placeholders already substituted>","input":<json>,"waitMillis":0,"retryMillis":0}
// env TASK_ENDPOINT: loopback URL of the Java side; every Task state (also inside Map/Parallel) is POSTed there,
// so nothing here ever calls real Lambda (an un-overridden Task would use the AWS credential chain).

// aws-local-stepfunctions 3.0.0 uses Promise.withResolvers (Node 22). On Node 20 every Task would throw a TypeError
// that Retry/Catch (States.ALL) silently swallow, so polyfill it before the library is loaded.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { StateMachine, ExecutionTimeoutError } = await import('aws-local-stepfunctions');

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Walks States, Map ItemProcessor/Iterator and Parallel Branches. */
function collectStates(states, found) {
  for (const [name, state] of Object.entries(states ?? {})) {
    if (state.Type === 'Task') found.tasks[name] = state.Resource;
    if (state.Type === 'Wait') found.waits.push(name);
    if (Array.isArray(state.Retry)) found.retrying.push(name);
    if (state.Type === 'Map') collectStates((state.ItemProcessor ?? state.Iterator)?.States, found);
    if (state.Type === 'Parallel') for (const branch of state.Branches ?? []) collectStates(branch.States, found);
  }
  return found;
}

function taskError(name, cause) {
  const error = new Error(cause ?? '');
  error.name = name;
  return error;
}

async function callJava(endpoint, state, resource, input) {
  // lambda:invoke (the CDK LambdaInvoke shape): route by FunctionName, hand the Payload over, wrap the result like AWS.
  const optimised = typeof resource === 'string' && resource.startsWith(LAMBDA_INVOKE);
  const target = optimised ? input?.FunctionName : resource;
  const payload = optimised ? (input?.Payload ?? {}) : input;
  let response;
  try {
    response = await fetch(`${endpoint}/task`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state, resource: target ?? null, input: payload ?? null }),
    });
  } catch (e) {
    throw taskError('AslRunner.TaskEndpointUnreachable', String(e));
  }
  const text = await response.text();
  const body = text.length > 0 ? JSON.parse(text) : null;
  if (!response.ok) {
    throw taskError(body?.error ?? 'States.TaskFailed', body?.cause ?? text);
  }
  return optimised ? { ExecutedVersion: '$LATEST', Payload: body, StatusCode: 200 } : body;
}

function describeEvent(event) {
  const out = { type: event.type };
  if (event.state) {
    out.state = event.state.name;
    out.stateType = event.state.type;
  }
  if (event.parentState) out.parentState = event.parentState.name;
  if (event.index !== undefined) out.index = event.index;
  if (event.Error !== undefined) out.error = event.Error;
  if (event.Cause !== undefined) out.cause = typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause);
  return out;
}

const request = await readStdin();
const endpoint = process.env.TASK_ENDPOINT;
const definition = JSON.parse(request.definition);
const found = collectStates(definition.States, { tasks: {}, waits: [], retrying: [] });

const taskResourceLocalHandlers = {};
for (const [name, resource] of Object.entries(found.tasks)) {
  taskResourceLocalHandlers[name] = (input) => callJava(endpoint, name, resource, input);
}
const waitTimeOverrides = Object.fromEntries(found.waits.map((name) => [name, request.waitMillis ?? 0]));
const retryIntervalOverrides = Object.fromEntries(found.retrying.map((name) => [name, request.retryMillis ?? 0]));

const machine = new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: false } });
const execution = machine.run(request.input ?? {}, {
  overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides },
});

const events = [];
let failure = null;
const drain = (async () => {
  for await (const event of execution.eventLogs) {
    events.push(describeEvent(event));
    if (event.type === 'ExecutionFailed') failure = event;
  }
})();

let result;
try {
  const output = await execution.result;
  result = { status: 'SUCCEEDED', output };
} catch (e) {
  if (e instanceof ExecutionTimeoutError) {
    result = { status: 'TIMED_OUT', error: 'States.Timeout', cause: e.message };
  } else {
    const caught = e.cause ?? e;
    const cause = failure?.Cause ?? caught.message;
    result = {
      status: 'FAILED',
      error: failure?.Error ?? caught.name,
      cause: typeof cause === 'string' ? cause : JSON.stringify(cause),
    };
  }
}
await Promise.race([drain, new Promise((resolve) => setTimeout(resolve, 1000))]);
result.events = events;
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exitCode = result.status === 'SUCCEEDED' ? 0 : 1;
