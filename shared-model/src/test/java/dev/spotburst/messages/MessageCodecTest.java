package dev.spotburst.messages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    static List<SlurmCommand> commands() {
        return Samples.commands();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandMessagesRoundTrip(SlurmCommand command) {
        CommandMessage message = Samples.command(command);
        String json = MessageCodec.write(message);
        assertThat(MessageCodec.readCommand(json)).isEqualTo(message);
    }

    @Test
    void everyCommandTypeHasASample() {
        assertThat(Samples.commands()).extracting(Object::getClass).containsExactlyInAnyOrder(
                SlurmCommand.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @EnumSource(PowerSaveRequest.Kind.class)
    void powerSaveRequestsRoundTrip(PowerSaveRequest.Kind kind) {
        PowerSaveRequest request = Samples.request(kind);
        String json = MessageCodec.write(request);
        assertThat(json).contains("\"kind\":\"" + kind.wire() + "\"");
        assertThat(MessageCodec.readRequest(json)).isEqualTo(request);
    }

    @ParameterizedTest
    @EnumSource(CommandResult.Outcome.class)
    void commandResultsRoundTrip(CommandResult.Outcome outcome) {
        CommandResult result = Samples.result(outcome);
        assertThat(MessageCodec.readResult(MessageCodec.write(result))).isEqualTo(result);
    }

    @Test
    void snapshotsRoundTrip() {
        SlurmSnapshot snapshot = Samples.snapshot();
        SlurmSnapshot read = MessageCodec.readSnapshot(MessageCodec.write(snapshot));
        assertThat(read).isEqualTo(snapshot);
        assertThat(read.nodes().get(0).has("POWERED_DOWN")).isTrue();
    }

    @Test
    void wireFormatIsPinned() {
        assertThat(MessageCodec.write(Samples.command(new SlurmCommand.NodePowerDown("aws-cpu-7",
                SlurmCommand.PowerDownMode.POWER_DOWN_ASAP, null)))).isEqualTo(
                "{\"schemaVersion\":1,\"id\":\"cmd-NodePowerDown\",\"issuedAt\":\"2026-11-22T10:15:30.123Z\","
                        + "\"cluster\":\"c1\",\"command\":{\"type\":\"node-power-down\",\"nodes\":\"aws-cpu-7\","
                        + "\"mode\":\"POWER_DOWN_ASAP\",\"reason\":null}}");
    }

    @Test
    void optionalFieldsMayBeOmitted() {
        PowerSaveRequest r = MessageCodec.readRequest(
                "{\"schemaVersion\":1,\"id\":\"r\",\"kind\":\"suspend\",\"hostlist\":\"a1\",\"issuedAt\":\"2026-11-22T10:00:00Z\"}");
        assertThat(r.jobs()).isEmpty();
        assertThat(r.cluster()).isNull();
        SlurmSnapshot s = MessageCodec.readSnapshot("{\"schemaVersion\":1,\"takenAt\":\"2026-11-22T10:00:00Z\","
                + "\"nodes\":[{\"name\":\"a1\",\"state\":\"IDLE\"}]}");
        assertThat(s.nodes().get(0).flags()).isEmpty();
        assertThat(s.nodes().get(0).jobs()).isEmpty();
    }

    @Test
    void unknownPropertiesAreIgnoredForForwardCompatibility() {
        CommandResult r = MessageCodec.readResult("{\"schemaVersion\":1,\"commandId\":\"c\",\"appliedAt\":"
                + "\"2026-11-22T10:00:00Z\",\"outcome\":\"APPLIED\",\"addedInV1_1\":true}");
        assertThat(r.outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
    }

    /** Each poison message must fail with a MessageFormatException whose text names the field and the value. */
    @Test
    void powerUpWireFormatIsPinned() {
        assertThat(MessageCodec.write(Samples.command(new SlurmCommand.NodePowerUp("aws-cpu-3")))).isEqualTo(
                "{\"schemaVersion\":1,\"id\":\"cmd-NodePowerUp\",\"issuedAt\":\"2026-11-22T10:15:30.123Z\","
                        + "\"cluster\":\"c1\",\"command\":{\"type\":\"node-power-up\",\"nodes\":\"aws-cpu-3\"}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json            | request | {\"schemaVersion\":1,       | not a valid power-save request",
            "empty body          | request | ``                         | empty body where a power-save request was expected",
            "json array          | request | [1,2]                      | power-save request",
            "missing id          | request | {\"schemaVersion\":1,\"kind\":\"resume\",\"hostlist\":\"a1\",\"issuedAt\":\"2026-11-22T10:00:00Z\"} | field 'id' is required, got null",
            "blank hostlist      | request | {\"schemaVersion\":1,\"id\":\"r\",\"kind\":\"resume\",\"hostlist\":\" \",\"issuedAt\":\"2026-11-22T10:00:00Z\"} | field 'hostlist' is required, got ' '",
            "wrong version       | request | {\"schemaVersion\":2,\"id\":\"r\",\"kind\":\"resume\",\"hostlist\":\"a1\",\"issuedAt\":\"2026-11-22T10:00:00Z\"} | field 'schemaVersion' of a power-save request must be 1, got 2",
            "missing version     | result  | {\"commandId\":\"c\",\"appliedAt\":\"2026-11-22T10:00:00Z\",\"outcome\":\"APPLIED\"} | field 'schemaVersion' of command result is required, got null",
            "bad kind            | request | {\"schemaVersion\":1,\"id\":\"r\",\"kind\":\"hibernate\",\"hostlist\":\"a1\",\"issuedAt\":\"2026-11-22T10:00:00Z\"} | field 'kind' must be resume, suspend or resume-fail, got 'hibernate'",
            "bad timestamp       | request | {\"schemaVersion\":1,\"id\":\"r\",\"kind\":\"resume\",\"hostlist\":\"a1\",\"issuedAt\":\"yesterday\"} | issuedAt",
            "job without id      | request | {\"schemaVersion\":1,\"id\":\"r\",\"kind\":\"resume\",\"hostlist\":\"a1\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"jobs\":[{\"nodes\":\"a1\"}]} | field 'jobs[0].jobId' of power-save request is required, got null",
            "job id zero         | request | {\"schemaVersion\":1,\"id\":\"r\",\"kind\":\"resume\",\"hostlist\":\"a1\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"jobs\":[{\"jobId\":0,\"nodes\":\"a1\"}]} | field 'jobs[].jobId' must be a Slurm job id >= 1, got 0",
            "unknown command     | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"node-reboot\",\"nodes\":\"a1\"}} | unknown command type 'node-reboot'",
            "power-up no nodes   | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"node-power-up\",\"nodes\":\" \"}} | field 'nodes' is required, got ' '",
            "command without type | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"nodes\":\"a1\"}} | command",
            "missing reason      | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"node-down\",\"nodes\":\"a1\"}} | field 'reason' is required, got null",
            "bad power-down mode | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"node-power-down\",\"nodes\":\"a1\",\"mode\":\"OFF\"}} | OFF",
            "requeue without job | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"job-requeue\"}} | field 'command.jobId' of command message is required, got null",
            "notify job zero     | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"job-notify\",\"jobId\":0,\"message\":\"m\"}} | field 'jobId' must be a Slurm job id >= 1, got 0 (in command message)",
            "job id as text      | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"job-suspend\",\"jobId\":\"x\"}} | command.jobId",
            "null job id         | command | {\"schemaVersion\":1,\"id\":\"c\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"command\":{\"type\":\"job-resume\",\"jobId\":null}} | field 'command.jobId' of command message is required, got null",
            "bad outcome         | result  | {\"schemaVersion\":1,\"commandId\":\"c\",\"appliedAt\":\"2026-11-22T10:00:00Z\",\"outcome\":\"MAYBE\"} | MAYBE",
            "node without state  | snapshot | {\"schemaVersion\":1,\"takenAt\":\"2026-11-22T10:00:00Z\",\"nodes\":[{\"name\":\"a1\"}]} | field 'nodes[].state' is required, got null",
    })
    void poisonMessagesNameTheFieldAndValue(String name, String type, String body, String expected) {
        assertThatThrownBy(() -> read(type, body))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(expected);
    }

    static Object read(String type, String body) {
        return switch (type) {
            case "request" -> MessageCodec.readRequest(body);
            case "command" -> MessageCodec.readCommand(body);
            case "result" -> MessageCodec.readResult(body);
            case "snapshot" -> MessageCodec.readSnapshot(body);
            default -> throw new IllegalArgumentException(type);
        };
    }
}
