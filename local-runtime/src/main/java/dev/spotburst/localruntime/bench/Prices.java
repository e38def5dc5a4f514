package dev.spotburst.localruntime.bench;

/**
 * Public on-demand prices (us-east-1, as listed on the AWS pricing pages in 2026; docs/benchmarks.md cites them)
 * and the idle-cluster cost model. Free tiers are ignored: the figure is what the control plane adds to a bill
 * that already uses them up.
 */
final class Prices {
    /** Lambda, Arm: per request and per GB-second (aws.amazon.com/lambda/pricing). */
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_PER_GB_SECOND_ARM = 0.0000133334;
    /** DynamoDB on-demand: per write / read request unit (aws.amazon.com/dynamodb/pricing/on-demand). */
    static final double DYNAMODB_PER_WRU = 0.625 / 1e6;
    static final double DYNAMODB_PER_RRU = 0.125 / 1e6;
    /** SQS per request, standard and FIFO (aws.amazon.com/sqs/pricing); a request carries up to 64 KiB. */
    static final double SQS_STANDARD_PER_REQUEST = 0.40 / 1e6;
    static final double SQS_FIFO_PER_REQUEST = 0.50 / 1e6;
    static final double HOURS_PER_MONTH = 730;
    /** The handlers' memory in the stack (cdk Handler enum): 1024 MiB. */
    static final double LAMBDA_GB = 1.0;
    /** Lambda's SQS event source keeps this many long polls open per mapping while the queue is empty (assumption, see docs). */
    static final int ESM_POLLERS = 5;
    static final int LONG_POLL_SECONDS = 20;

    private Prices() {
    }

    /** Keys of {@code SdkCallLog.calls()}: {@code <service>:<operation>}; the SDK spells the service DynamoDb or DynamoDB. */
    static boolean dynamo(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).startsWith("dynamodb:");
    }

    static boolean dynamoRead(String key) {
        return dynamo(key) && java.util.List.of("GetItem", "Query", "Scan", "BatchGetItem").contains(op(key));
    }

    static boolean dynamoWrite(String key) {
        return dynamo(key) && java.util.List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
                "TransactWriteItems").contains(op(key));
    }

    private static String op(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    record Monthly(double lambda, double dynamodb, double sqs, double ec2, long lambdaInvocations, long sqsRequests) {
        double total() {
            return lambda + dynamodb + sqs + ec2;
        }

        String text() {
            return String.format("monthly: $%.3f (Lambda $%.3f for %,d invocations, DynamoDB $%.3f, SQS $%.3f for %,d "
                    + "requests, EC2 Describe $0)", total(), lambda, lambdaInvocations, dynamodb, sqs, sqsRequests);
        }
    }

    /**
     * @param snapshotWru   write units the snapshot path costs per posted snapshot in steady state (see
     *                      {@link IdleCostBench}: marker touch plus the periodic body refresh, from the stored items'
     *                      real sizes)
     * @param snapshotRru   read units of the reconciler's one snapshot read (body + marker, strongly consistent)
     *                      every other read or write is taken as one unit (items under 1 KiB)
     */
    static Monthly idleMonthly(int reconcilesPerHour, int snapshotsPerHour, double reconcileMillis, double reportMillis,
                               double readsPerTick, double writesPerTick, double readsPerSnapshot,
                               double snapshotWru, double snapshotRru) {
        double h = HOURS_PER_MONTH;
        double invocations = (reconcilesPerHour + snapshotsPerHour) * h;
        double gbSeconds = (reconcilesPerHour * reconcileMillis + snapshotsPerHour * reportMillis) / 1000 * LAMBDA_GB * h;
        double lambda = invocations * LAMBDA_PER_REQUEST + gbSeconds * LAMBDA_PER_GB_SECOND_ARM;
        // one of the reconcile's reads is the snapshot; the report handler writes nothing but the snapshot
        double rru = reconcilesPerHour * (readsPerTick - 1 + snapshotRru) + snapshotsPerHour * readsPerSnapshot;
        double wru = reconcilesPerHour * writesPerTick + snapshotsPerHour * snapshotWru;
        double dynamodb = h * (rru * DYNAMODB_PER_RRU + wru * DYNAMODB_PER_WRU);
        int longPollsPerHour = 3600 / LONG_POLL_SECONDS;
        double fifo = longPollsPerHour /* agent on commands */ + ESM_POLLERS * longPollsPerHour /* requests ESM */;
        double standard = snapshotsPerHour * 2 /* agent send + ESM delete */ + ESM_POLLERS * longPollsPerHour /* reports ESM */;
        double sqs = h * (fifo * SQS_FIFO_PER_REQUEST + standard * SQS_STANDARD_PER_REQUEST);
        return new Monthly(lambda, dynamodb, sqs, 0, Math.round(invocations), Math.round(h * (fifo + standard)));
    }

    /** DynamoDB's item size: attribute names plus values (strings as UTF-8, numbers ~1 byte per 2 digits + 1, binary). */
    static int itemBytes(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        int size = 0;
        for (var e : item.entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            var v = e.getValue();
            if (v.s() != null) {
                size += v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            } else if (v.n() != null) {
                size += (v.n().replace("-", "").replace(".", "").length() + 1) / 2 + 1;
            } else if (v.b() != null) {
                size += v.b().asByteArray().length;
            } else {
                size += 1;
            }
        }
        return size;
    }
}
