package dev.spotburst.localcloud;

/** The AWS services the local cloud stands in for, with the SDK's service-specific endpoint variable. */
public enum CloudService {
    EC2("EC2"),
    DYNAMODB("DYNAMODB"),
    SQS("SQS");

    private final String envSuffix;

    CloudService(String envSuffix) {
        this.envSuffix = envSuffix;
    }

    /** e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}, honoured by every SDK v2 client and the AWS CLI. */
    public String endpointVariable() {
        return "AWS_ENDPOINT_URL_" + envSuffix;
    }
}
