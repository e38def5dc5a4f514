package dev.spotburst.functions.cfn;

import java.util.Map;

/** A CloudFormation custom resource request's type, as the CDK Provider framework passes it on. */
public enum RequestType {
    CREATE, UPDATE, DELETE;

    /** The event's {@code RequestType}; anything else is an error naming the field and the value. */
    public static RequestType of(Map<String, Object> event) {
        Object rt = event.get("RequestType");
        return switch (String.valueOf(rt)) {
            case "Create" -> CREATE;
            case "Update" -> UPDATE;
            case "Delete" -> DELETE;
            default -> throw new IllegalArgumentException(
                    "field 'RequestType' must be Create, Update or Delete, got '" + rt + "'");
        };
    }
}
