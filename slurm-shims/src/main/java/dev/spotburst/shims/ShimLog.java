package dev.spotburst.shims;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One-line log records ({@code time level component key=value …}) to stderr and, when given, appended to a file:
 * slurmctld discards what ResumeProgram prints, so the file is what an operator reads. Never throws.
 */
public final class ShimLog {

    private final String component;
    private final Path file;
    private final PrintStream err;
    private final Clock clock;

    public ShimLog(String component, Path file, PrintStream err, Clock clock) {
        this.component = component;
        this.file = file;
        this.err = err;
        this.clock = clock;
    }

    public static ShimLog stderr(String component) {
        return new ShimLog(component, null, System.err, Clock.systemUTC());
    }

    public ShimLog toFile(Path logFile) {
        return new ShimLog(component, logFile, err, clock);
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARN", message);
    }

    public void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        String line = clock.instant() + " " + level + " " + component + " " + message;
        err.println(line);
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                err.println(clock.instant() + " WARN " + component + " cannot append to log file " + file + ": " + e);
            }
        }
    }
}
