package dev.spotburst.localcloud;

import java.util.List;

/** asl-validator's verdict: {@code errors} are "CODE: message" strings, empty when valid. */
public record AslValidation(boolean valid, List<String> errors) {
    public AslValidation {
        errors = List.copyOf(errors);
    }
}
