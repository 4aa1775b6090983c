package io.strata.frontend.packet;

import static java.util.Objects.requireNonNull;

/**
 * The answer to COM_STATISTICS: a bare human-readable string, no header byte.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_statistics.html">COM_STATISTICS</a>
 */
public final class StatisticsResponsePacket implements MySqlPacket {
    private final String text;

    public StatisticsResponsePacket(String text) {
        this.text = requireNonNull(text, "text is null");
    }

    @Override
    public void write(MySqlPayload payload) {
        payload.writeStringEof(text);
    }
}
