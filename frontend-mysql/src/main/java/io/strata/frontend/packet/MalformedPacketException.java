package io.strata.frontend.packet;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;

/**
 * A packet that cannot be decoded: a length pointing past the end, a missing terminator, an
 * unknown type code. The connection that sent it is answered with an ERR packet and closed,
 * since nothing after a broken packet can be trusted to be in step; other connections carry on.
 */
public final class MalformedPacketException extends StrataException {
    public MalformedPacketException(String detail) {
        super(ErrorCode.NET_READ_ERROR, ErrorCode.NET_READ_ERROR.format() + ": " + detail);
    }
}
