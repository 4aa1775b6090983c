package io.strata.sql.session;

import static java.util.Objects.requireNonNull;

/** One row of SHOW WARNINGS: level Note, Warning or Error, the MySQL code and the message. */
public record Warning(String level, int code, String message) {
    public Warning {
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
    }
}
