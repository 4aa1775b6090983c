package io.strata.frontend.codec;

/**
 * Emitted by the decoder instead of a frame when a client announces a packet larger than
 * max_allowed_packet. The decoder has stopped reading; the connection answers with
 * ER_NET_PACKET_TOO_LARGE and closes.
 *
 * @param sequenceId the announced packet's sequence id (the answer uses the next one)
 */
public record PacketTooLarge(int sequenceId, long announcedLength) {
}
