package dev.spotburst.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.spotburst.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas in {@code schemas/} describe exactly what the Jackson mapping writes and accepts. */
class MessageSchemaTest {

    private static JsonNode schemaJson(String name) {
        try (InputStream in = MessageSchemaTest.class.getResourceAsStream("/schemas/" + name)) {
            assertThat(in).as(name).isNotNull();
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonSchema schema(String name) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(name));
    }

    private static JsonNode tree(Object message) {
        return Json.mapper().valueToTree(message);
    }

    private static Set<String> properties(JsonNode objectSchema) {
        Set<String> names = new HashSet<>();
        objectSchema.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> fields(JsonNode json) {
        Set<String> names = new HashSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<SlurmCommand> commands() {
        return Samples.commands();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandValidatesAndHasExactlyTheSchemaProperties(SlurmCommand command) {
        JsonNode json = tree(Samples.command(command));
        assertThat(schema("slurm-command.v1.json").validate(json)).isEmpty();

        JsonNode root = schemaJson("slurm-command.v1.json");
        assertThat(fields(json)).isEqualTo(properties(root));
        String type = json.get("command").get("type").asText();
        assertThat(fields(json.get("command"))).isEqualTo(properties(root.get("$defs").get(type)));
    }

    @Test
    void commandTypeDiscriminatorsMatchTheJacksonMapping() {
        Set<String> mapped = Arrays.stream(SlurmCommand.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).collect(Collectors.toSet());
        JsonNode command = schemaJson("slurm-command.v1.json").get("$defs").get("command");
        Set<String> inSchema = new HashSet<>();
        command.get("properties").get("type").get("enum").forEach(n -> inSchema.add(n.asText()));
        assertThat(inSchema).isEqualTo(mapped);
        assertThat(command.get("oneOf")).hasSize(mapped.size());
        assertThat(mapped).hasSize(SlurmCommand.class.getPermittedSubclasses().length);
    }

    @Test
    void enumWireValuesMatch() {
        assertThat(enumOf(schemaJson("power-save-request.v1.json").get("properties").get("kind")))
                .containsExactlyElementsOf(Arrays.stream(PowerSaveRequest.Kind.values()).map(PowerSaveRequest.Kind::wire).toList());
        assertThat(enumOf(schemaJson("command-result.v1.json").get("properties").get("outcome")))
                .containsExactlyElementsOf(Arrays.stream(CommandResult.Outcome.values()).map(Enum::name).toList());
        assertThat(enumOf(schemaJson("slurm-command.v1.json").get("$defs").get("node-power-down").get("properties").get("mode")))
                .containsExactlyElementsOf(Arrays.stream(SlurmCommand.PowerDownMode.values()).map(Enum::name).toList());
    }

    private static List<String> enumOf(JsonNode node) {
        return java.util.stream.StreamSupport.stream(node.get("enum").spliterator(), false).map(JsonNode::asText).toList();
    }

    @ParameterizedTest
    @EnumSource(PowerSaveRequest.Kind.class)
    void powerSaveRequestsValidate(PowerSaveRequest.Kind kind) {
        JsonNode json = tree(Samples.request(kind));
        assertThat(schema("power-save-request.v1.json").validate(json)).isEmpty();
        assertThat(fields(json)).isEqualTo(properties(schemaJson("power-save-request.v1.json")));
        JsonNode job = schemaJson("power-save-request.v1.json").get("properties").get("jobs").get("items");
        assertThat(fields(json.get("jobs").get(0))).isEqualTo(properties(job));
    }

    @ParameterizedTest
    @EnumSource(CommandResult.Outcome.class)
    void commandResultsValidate(CommandResult.Outcome outcome) {
        JsonNode json = tree(Samples.result(outcome));
        assertThat(schema("command-result.v1.json").validate(json)).isEmpty();
        assertThat(fields(json)).isEqualTo(properties(schemaJson("command-result.v1.json")));
    }

    @Test
    void snapshotsValidate() {
        JsonNode json = tree(Samples.snapshot());
        assertThat(schema("slurm-snapshot.v1.json").validate(json)).isEmpty();
        JsonNode root = schemaJson("slurm-snapshot.v1.json");
        assertThat(fields(json)).isEqualTo(properties(root));
        assertThat(fields(json.get("nodes").get(0))).isEqualTo(properties(root.get("$defs").get("node")));
    }

    @Test
    void messagesWithNullOptionalsValidate() {
        var c = CommandMessage.of("c", Samples.T, null, new SlurmCommand.JobRequeue(7, null));
        assertThat(schema("slurm-command.v1.json").validate(tree(c))).isEmpty();
        var r = new CommandResult(1, "c", Samples.T, CommandResult.Outcome.APPLIED, null);
        assertThat(schema("command-result.v1.json").validate(tree(r))).isEmpty();
    }

    /** The schemas are not vacuous: what the codec rejects, the schema rejects too. */
    @Test
    void schemasRejectWhatTheCodecRejects() {
        ObjectNode badKind = (ObjectNode) tree(Samples.request(PowerSaveRequest.Kind.RESUME));
        badKind.put("kind", "hibernate");
        assertThat(schema("power-save-request.v1.json").validate(badKind)).isNotEmpty();

        ObjectNode badVersion = (ObjectNode) tree(Samples.result(CommandResult.Outcome.FAILED));
        badVersion.put("schemaVersion", 2);
        assertThat(schema("command-result.v1.json").validate(badVersion)).isNotEmpty();

        ObjectNode unknownType = (ObjectNode) tree(Samples.command(new SlurmCommand.NodeResume("a1")));
        ((ObjectNode) unknownType.get("command")).put("type", "node-reboot");
        assertThat(schema("slurm-command.v1.json").validate(unknownType)).isNotEmpty();

        ObjectNode missingReason = (ObjectNode) tree(Samples.command(new SlurmCommand.NodeDown("a1", "r")));
        ((ObjectNode) missingReason.get("command")).remove("reason");
        assertThat(schema("slurm-command.v1.json").validate(missingReason)).isNotEmpty();

        ObjectNode powerUpWithoutNodes = (ObjectNode) tree(Samples.command(new SlurmCommand.NodePowerUp("a1")));
        ((ObjectNode) powerUpWithoutNodes.get("command")).remove("nodes");
        assertThat(schema("slurm-command.v1.json").validate(powerUpWithoutNodes)).isNotEmpty();

        ObjectNode blankId = (ObjectNode) tree(Samples.command(new SlurmCommand.JobSuspend(3)));
        blankId.put("id", " ");
        assertThat(schema("slurm-command.v1.json").validate(blankId)).isNotEmpty();

        ObjectNode noState = (ObjectNode) tree(Samples.snapshot());
        ((ObjectNode) noState.get("nodes").get(0)).remove("state");
        assertThat(schema("slurm-snapshot.v1.json").validate(noState)).isNotEmpty();
    }
}
