package dev.spotburst.shims.sqs;

/** Access key, secret and (for temporary credentials) session token; never logged. */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + ", ***]";
    }
}
