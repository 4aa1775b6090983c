package io.strata.frontend.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One logical packet: its payload and sequence id. Inbound, a payload of 16 MiB or more that
 * arrived as several wire packets is already joined and the id is the last wire packet's;
 * outbound, the id is the first wire packet's and the encoder numbers the rest.
 * Owns its payload: whoever consumes the frame releases it.
 */
public final class MySqlFrame extends DefaultByteBufHolder {
    private final int sequenceId;

    public MySqlFrame(int sequenceId, ByteBuf payload) {
        super(payload);
        this.sequenceId = sequenceId & 0xff;
    }

    public int sequenceId() {
        return sequenceId;
    }

    /** How many wire packets (and so sequence ids) a payload of this many bytes takes. */
    public static int wirePackets(int payloadLength) {
        return payloadLength / MySqlPacketEncoder.MAX_PAYLOAD_LENGTH + 1;
    }

    @Override
    public MySqlFrame replace(ByteBuf content) {
        return new MySqlFrame(sequenceId, content);
    }
}
