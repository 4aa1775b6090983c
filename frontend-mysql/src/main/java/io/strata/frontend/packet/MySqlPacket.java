package io.strata.frontend.packet;

/** A packet the server sends: it knows how to lay itself out in a payload. */
public interface MySqlPacket {
    void write(MySqlPayload payload);
}
