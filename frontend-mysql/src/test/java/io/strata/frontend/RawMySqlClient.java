package io.strata.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.strata.frontend.packet.Capabilities;
import io.strata.frontend.packet.HandshakeResponse41Packet;
import io.strata.frontend.packet.HandshakeV10Packet;
import io.strata.frontend.packet.MySqlPayload;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal blocking MySQL client over a plain socket, for tests that need packet-level control
 * (commands Connector/J never sends, malformed bytes, a client that stops reading).
 */
final class RawMySqlClient implements AutoCloseable {
    static final int DEFAULT_CAPS = Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_SECURE_CONNECTION
            | Capabilities.CLIENT_PLUGIN_AUTH | Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CLIENT_LONG_PASSWORD
            | Capabilities.CLIENT_TRANSACTIONS | Capabilities.CLIENT_MULTI_RESULTS | Capabilities.CLIENT_DEPRECATE_EOF;

    record Packet(int sequenceId, byte[] payload) {
        int header() {
            return payload.length == 0 ? -1 : payload[0] & 0xff;
        }

        boolean isErr() {
            return header() == 0xff;
        }

        boolean isOk() {
            return header() == 0x00;
        }

        boolean isEof() {
            return header() == 0xfe && payload.length < 0xffffff;
        }

        int errorCode() {
            return (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
        }

        String errorMessage() {
            return new String(payload, 9, payload.length - 9, StandardCharsets.UTF_8);
        }

        String sqlState() {
            return new String(payload, 4, 5, StandardCharsets.US_ASCII);
        }

        MySqlPayload asPayload() {
            return new MySqlPayload(Unpooled.wrappedBuffer(payload));
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private HandshakeV10Packet greeting;

    RawMySqlClient(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer socket receive buffer size, or 0 for the default */
    RawMySqlClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = socket.getOutputStream();
    }

    HandshakeV10Packet readGreeting() throws IOException {
        Packet packet = read();
        greeting = HandshakeV10Packet.decode(packet.asPayload());
        return greeting;
    }

    /** Greeting and login as a password-less user; returns the server's final answer. */
    Packet login(String user, int capabilities, String database) throws IOException {
        readGreeting();
        int caps = capabilities | (database != null ? Capabilities.CLIENT_CONNECT_WITH_DB : 0);
        HandshakeResponse41Packet response = new HandshakeResponse41Packet(caps, 1 << 24, 255, user, new byte[0], database,
                greeting.authPlugin(), Map.of());
        ByteBuf buf = Unpooled.buffer();
        response.write(new MySqlPayload(buf));
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        write(1, bytes);
        return read();
    }

    HandshakeV10Packet greeting() {
        return greeting;
    }

    Packet read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("server closed the connection");
        }
        int length = b0 | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        int sequenceId = in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Packet(sequenceId, payload);
    }

    /** True when the server closed the socket (the next read sees end of stream). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    void write(int sequenceId, byte[] payload) throws IOException {
        byte[] packet = new byte[payload.length + 4];
        packet[0] = (byte) payload.length;
        packet[1] = (byte) (payload.length >> 8);
        packet[2] = (byte) (payload.length >> 16);
        packet[3] = (byte) sequenceId;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        out.write(packet);
        out.flush();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void command(int command, byte[] args) throws IOException {
        byte[] payload = new byte[args.length + 1];
        payload[0] = (byte) command;
        System.arraycopy(args, 0, payload, 1, args.length);
        write(0, payload);
    }

    void query(String sql) throws IOException {
        command(0x03, sql.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a whole response: an OK/ERR, or a result set (column count, definitions, [EOF],
     * rows, end marker). Returns every packet in order.
     */
    List<Packet> readResponse(boolean deprecateEof) throws IOException {
        List<Packet> packets = new ArrayList<>();
        Packet first = read();
        packets.add(first);
        if (first.isOk() || first.isErr() || first.header() == 0xfe) {
            return packets;
        }
        long columns = first.asPayload().readIntLenenc();
        for (long i = 0; i < columns; i++) {
            packets.add(read());
        }
        if (!deprecateEof) {
            packets.add(read());
        }
        while (true) {
            Packet p = read();
            packets.add(p);
            if (p.isErr() || p.isEof()) {
                return packets;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
