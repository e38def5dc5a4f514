package dev.spotburst.shims.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** Picks one top-level scalar out of an SQS JSON reply with the streaming parser (nested values are skipped). */
final class FlatJsonReply {

    private static final JsonFactory JSON = new JsonFactory();

    private FlatJsonReply() {
    }

    static Object field(String json, String name) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals(name) && t.isScalarValue()) {
                    return t == JsonToken.VALUE_STRING ? p.getText() : p.getText();
                }
                p.skipChildren();
            }
            return null;
        }
    }
}
