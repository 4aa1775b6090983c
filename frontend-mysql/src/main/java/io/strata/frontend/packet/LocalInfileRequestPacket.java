package io.strata.frontend.packet;

import static java.util.Objects.requireNonNull;

/**
 * LOAD DATA LOCAL: asks the client for the content of a file of its own. The client answers with
 * the file in packets of any size and ends with an empty packet (or sends only the empty packet
 * when it cannot or will not read the file).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_local_infile_request.html">LOCAL INFILE Request</a>
 */
public final class LocalInfileRequestPacket implements MySqlPacket {
    public static final int HEADER = 0xfb;

    private final String fileName;

    public LocalInfileRequestPacket(String fileName) {
        this.fileName = requireNonNull(fileName, "fileName is null");
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeInt1(HEADER);
        payload.writeStringEof(fileName);
    }
}
