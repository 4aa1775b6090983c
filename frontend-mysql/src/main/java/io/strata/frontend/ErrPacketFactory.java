package io.strata.frontend;

import io.strata.frontend.packet.ErrPacket;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an exception becomes an ERR packet. A {@link StrataException} carries its
 * {@link ErrorCode}: MySQL error number, SQLSTATE and message go to the client unchanged. Anything
 * else is a server bug or an unforeseen failure: it is logged with its stack and reported as
 * ER_UNKNOWN_ERROR-style 1105/HY000 with the exception's message.
 */
public final class ErrPacketFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ErrPacketFactory.class);

    private ErrPacketFactory() {
    }

    public static ErrPacket create(Throwable failure) {
        if (failure instanceof StrataException e) {
            return create(e.code(), e.getMessage());
        }
        LOG.error("unexpected failure reported to client as error 1105", failure);
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        return create(ErrorCode.INTERNAL, message);
    }

    public static ErrPacket create(ErrorCode code, String message) {
        return new ErrPacket(code.mysqlCode(), code.sqlState(), message);
    }
}
