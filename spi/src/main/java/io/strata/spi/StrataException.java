package io.strata.spi;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception that carries a client-visible error. Everything that can fail in a
 * way a client should see throws this with an {@link ErrorCode}; the frontend maps it to an ERR
 * packet in exactly one place.
 */
public class StrataException extends RuntimeException {
    private final ErrorCode code;

    public StrataException(ErrorCode code, String message) {
        super(message);
        this.code = requireNonNull(code, "code is null");
    }

    public StrataException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }
}
