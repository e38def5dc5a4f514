package dev.spotburst.shims.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a flat JSON object (string, number, boolean or null values) with jackson-core's streaming parser, which
 * starts in a fraction of databind's time; the head-node settings are such an object. Nested
 * values are rejected with the key's name.
 */
public final class FlatJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private FlatJson() {
    }

    /** Values are String, Long, Double, Boolean or null. */
    public static Map<String, Object> parse(String json, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SettingsException(source + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                Object value = switch (t) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> null;
                    default -> throw new SettingsException(source + ": field '" + key
                            + "' must be a string, number or boolean, got a nested " + (t == JsonToken.START_ARRAY ? "array" : "object"));
                };
                out.put(key, value);
            }
            if (p.nextToken() != null) {
                throw new SettingsException(source + ": unexpected content after the JSON object");
            }
        } catch (JsonParseException e) {
            throw new SettingsException(source + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SettingsException(source + ": cannot read: " + e.getMessage());
        }
        return out;
    }
}
