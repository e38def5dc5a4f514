// Validates one ASL definition with asl-validator and prints {"valid":bool,"errors":["CODE: message", …]} on stdout.
// stdin: the definition text. ${Placeholder} values (CloudFormation DefinitionSubstitutions) pass as they are.
import validator from 'asl-validator';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');

let result;
try {
  const verdict = validator(JSON.parse(text), { checkPaths: true, checkArn: true });
  result = {
    valid: verdict.isValid,
    errors: verdict.errors.map((error) => `${error['Error code']}: ${error.Message}`),
  };
} catch (e) {
  result = { valid: false, errors: [`INVALID_JSON: ${e.message}`] };
}
process.stdout.write(`${JSON.stringify(result)}\n`);
