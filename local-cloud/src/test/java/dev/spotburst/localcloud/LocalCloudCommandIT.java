package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code spotburst local-cloud} as a child JVM, the way a developer's shell would. */
class LocalCloudCommandIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void foregroundPrintsEvaluableExportsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Process process = new ProcessBuilder(JAVA, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), LocalCloudCommand.class.getName(), "--region", "eu-west-1")
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        try {
            List<String> stdout = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                stdout.add(line);
                if (line.startsWith(LocalCloudCommand.READY_MARKER)) {
                    break;
                }
            }
            assertThat(stdout).as("stdout; stderr: %s", Files.readString(dir.resolve("stderr.log")))
                    .last().asString().startsWith(LocalCloudCommand.READY_MARKER);
            assertThat(stdout.subList(0, stdout.size() - 1)).allSatisfy(l -> assertThat(l).startsWith("export "));

            Path env = dir.resolve("cloud.env");
            Files.write(env, stdout);
            Map<String, String> evaluated = shell(". " + env + "; env");
            assertThat(evaluated).containsEntry("AWS_REGION", "eu-west-1").containsEntry("AWS_ACCESS_KEY_ID", "test");
            assertAnswers(evaluated);
            String ready = Files.readAllLines(dir.resolve("stderr.log")).stream()
                    .filter(l -> l.startsWith("local cloud ready in")).findFirst().orElseThrow();
            System.err.println("[figure] spotburst local-cloud child JVM: " + ready.substring(0, ready.indexOf(" (pid")));

            process.destroy(); // SIGTERM: the shutdown hook closes the servers
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("stderr.log"))).contains("local cloud stopped");
            assertThat(accepts(URI.create(evaluated.get("AWS_ENDPOINT_URL_SQS")))).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void detachWorksWithEvalInAShell(@TempDir Path dir) throws Exception {
        String command = String.join(" ", shellQuote(JAVA), "-cp", shellQuote(System.getProperty("java.class.path")),
                LocalCloudCommand.class.getName(), "--detach", "--log-file", shellQuote(dir.resolve("cloud.log").toString()));
        Map<String, String> evaluated = shell("eval \"$(" + command + ")\" && env");
        long pid = Long.parseLong(evaluated.get("SPOTBURST_LOCAL_CLOUD_PID"));
        ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
        try {
            assertThat(evaluated).containsEntry("AWS_REGION", "us-east-1");
            assertAnswers(evaluated);
        } finally {
            child.destroy();
            child.onExit().get(60, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(dir.resolve("cloud.log"))).contains("local cloud stopped");
    }

    private static void assertAnswers(Map<String, String> env) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
        Region region = Region.of(env.get("AWS_REGION"));
        try (SqsClient sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region)
                .credentialsProvider(credentials).endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_SQS"))).build();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                     .region(region).credentialsProvider(credentials)
                     .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL_DYNAMODB"))).build()) {
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
            assertThat(dynamoDb.listTables().tableNames()).isEmpty();
        }
        assertThat(accepts(URI.create(env.get("AWS_ENDPOINT_URL_EC2")))).isTrue();
    }

    /** Runs a bash script with a clean AWS environment and parses the {@code env} listing it prints. */
    private static Map<String, String> shell(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("bash finished").isTrue();
        assertThat(bash.exitValue()).as("bash exit; stdout: %s", out).isZero();
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
