package dev.spotburst.ec2emu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /_emulator/<op>} with a JSON body, for processes that cannot hold an {@link EmulatorControl} (the CLI
 * demo, scripts). Ops: setCapacity / restoreCapacity {instanceType, availabilityZone, market, available},
 * interrupt / rebalance {instanceId}, interruptPool {instanceType, availabilityZone}, advance {seconds} or
 * {duration:"PT2M"}, tick, instances, callCounts, events, setThrottle {enabled, ratePerSecond, burst, perAction},
 * setLatency {millis}. Replies 200 with JSON, or 400 {@code {"error": "…"}} naming the bad field.
 */
final class ControlHttpHandler implements HttpHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EmulatorControl control;

    ControlHttpHandler(EmulatorControl control) {
        this.control = control;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        int status = 200;
        Object result;
        try {
            if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
                throw new IllegalArgumentException("use POST /_emulator/<op> with a JSON body");
            }
            String op = ex.getRequestURI().getPath().substring("/_emulator/".length());
            byte[] body = ex.getRequestBody().readNBytes(1 << 20);
            JsonNode in = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            result = run(op, in == null ? MAPPER.createObjectNode() : in);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            status = 400;
            result = Map.of("error", String.valueOf(e.getMessage()));
        }
        byte[] out = MAPPER.writeValueAsBytes(result);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private Object run(String op, JsonNode in) {
        switch (op) {
            case "setCapacity", "restoreCapacity" -> {
                control.setCapacity(text(in, "instanceType"), text(in, "availabilityZone"), text(in, "market"),
                        integer(in, "available"));
                return ok();
            }
            case "interrupt" -> {
                control.interrupt(text(in, "instanceId"));
                return ok();
            }
            case "rebalance" -> {
                control.rebalance(text(in, "instanceId"));
                return ok();
            }
            case "interruptPool" -> {
                return Map.of("interrupted", control.interruptPool(text(in, "instanceType"), text(in, "availabilityZone")));
            }
            case "advance" -> {
                Duration d = in.hasNonNull("duration") ? Duration.parse(in.get("duration").asText())
                        : Duration.ofMillis(Math.round(number(in, "seconds") * 1000));
                control.advance(d);
                return ok();
            }
            case "tick" -> {
                control.tick();
                return ok();
            }
            case "instances" -> {
                return control.instances();
            }
            case "callCounts" -> {
                return control.callCounts();
            }
            case "events" -> {
                return control.events().stream().map(this::parse).toList();
            }
            case "setThrottle" -> {
                boolean enabled = in.path("enabled").asBoolean(true);
                control.setThrottle(enabled ? new ThrottleSpec(true, number(in, "ratePerSecond"), integer(in, "burst"),
                        in.path("perAction").asBoolean(false)) : ThrottleSpec.disabled());
                return ok();
            }
            case "setLatency" -> {
                control.setLatency(Duration.ofMillis(integer(in, "millis")));
                return ok();
            }
            default -> throw new IllegalArgumentException("unknown control op '" + op + "'");
        }
    }

    private JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode ok() {
        return MAPPER.createObjectNode().put("ok", true);
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string, got " + v);
        }
        return v.asText();
    }

    private static int integer(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }
}
