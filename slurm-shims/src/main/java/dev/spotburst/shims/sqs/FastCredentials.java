package dev.spotburst.shims.sqs;

import dev.spotburst.shims.settings.FlatJson;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for the fast shim path, from the two sources a head node uses: environment variables, or the EC2
 * instance role through IMDSv2. Anything else (profiles, SSO, container credentials) is left to the AWS SDK path:
 * {@link #applies} says whether this class can handle the environment.
 */
public final class FastCredentials {

    static final String IMDS = "http://169.254.169.254";

    private FastCredentials() {
    }

    /** False when the environment asks for a credential source only the SDK implements. */
    public static boolean applies(Map<String, String> env) {
        for (String k : new String[] {"AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "SPOTBURST_SHIM_SDK"}) {
            if (env.get(k) != null && !env.get(k).isBlank()) {
                return false;
            }
        }
        return true;
    }

    public static Optional<AwsCredentials> fromEnv(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return Optional.of(new AwsCredentials(id, secret, token == null || token.isBlank() ? null : token));
    }

    public static AwsCredentials resolve(Map<String, String> env) throws IOException {
        Optional<AwsCredentials> fromEnv = fromEnv(env);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        if ("true".equalsIgnoreCase(env.get("AWS_EC2_METADATA_DISABLED"))) {
            throw new IOException("no credentials: AWS_ACCESS_KEY_ID is unset and AWS_EC2_METADATA_DISABLED=true");
        }
        String base = env.getOrDefault("AWS_EC2_METADATA_SERVICE_ENDPOINT", IMDS).replaceAll("/+$", "");
        String token = call("PUT", base + "/latest/api/token", Map.of("X-aws-ec2-metadata-token-ttl-seconds", "60"));
        Map<String, String> auth = Map.of("X-aws-ec2-metadata-token", token);
        String role = call("GET", base + "/latest/meta-data/iam/security-credentials/", auth).lines().findFirst()
                .orElseThrow(() -> new IOException("the instance has no IAM role"));
        Map<String, Object> c = FlatJson.parse(call("GET", base + "/latest/meta-data/iam/security-credentials/" + role,
                auth), "IMDS credentials of role " + role);
        if (!(c.get("AccessKeyId") instanceof String id) || !(c.get("SecretAccessKey") instanceof String secret)) {
            throw new IOException("IMDS credentials of role " + role + " have no AccessKeyId/SecretAccessKey");
        }
        return new AwsCredentials(id, secret, c.get("Token") instanceof String t ? t : null);
    }

    private static String call(String method, String url, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(500);
        c.setReadTimeout(1000);
        headers.forEach(c::setRequestProperty);
        int rc = c.getResponseCode();
        if (rc != 200) {
            throw new IOException("IMDS " + method + " " + url + " answered HTTP " + rc);
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
