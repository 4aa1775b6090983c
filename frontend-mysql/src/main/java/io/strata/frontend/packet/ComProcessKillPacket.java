package io.strata.frontend.packet;

/**
 * COM_PROCESS_KILL: end another connection (deprecated in favour of {@code KILL} SQL, still sent
 * by old clients).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_process_kill.html">COM_PROCESS_KILL</a>
 */
public final class ComProcessKillPacket {
    private final long connectionId;

    public ComProcessKillPacket(MySqlPayload payload) {
        this.connectionId = payload.readInt4();
    }

    public long connectionId() {
        return connectionId;
    }
}
