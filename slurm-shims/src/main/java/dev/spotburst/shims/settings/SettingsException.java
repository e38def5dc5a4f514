package dev.spotburst.shims.settings;

/** The head-node settings file is missing or wrong; the message names the file, the field and the value. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
